import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIdentity } from "./identity";

/** The pattern parseIdentity replaced (quadratic on long runs of spaces): the meaning to keep. */
function byPattern(text: string) {
  const match = /^(.*?)\s*<([^<>]*)>\s*$/.exec(text.trim());
  if (!match) return undefined;
  const name = /^"((?:[^"\\]|\\.)*)"$/.exec(match[1]!);
  return { name: name ? name[1]!.replace(/\\(.)/g, "$1") : match[1]!, email: match[2]!.trim() };
}

const headerText = fc.string({
  unit: fc.constantFrom("a", "b", " ", "\t", "<", ">", "@", '"', "\\", "."),
  maxLength: 40,
});

describe("parseIdentity", () => {
  it("reads names, addresses and quoted names", () => {
    expect(parseIdentity("Ada Lovelace <ada@example.org>")).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.org",
    });
    expect(parseIdentity('"Person, A." <a@example>')).toEqual({
      name: "Person, A.",
      email: "a@example",
    });
    expect(parseIdentity("ada@example.org")).toEqual({ name: "", email: "ada@example.org" });
    expect(parseIdentity("alice")).toEqual({ name: "alice", email: "" });
  });

  it("agrees with the old pattern on every `… <…>` line", () => {
    fc.assert(
      fc.property(headerText, (text) => {
        const expected = byPattern(text);
        if (expected) expect(parseIdentity(text)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("stays linear on a megabyte of hostile text", () => {
    // Quadratic parsing took minutes here; linear parsing takes milliseconds.
    for (const hostile of [
      `a${" ".repeat(1 << 20)}`,
      "<".repeat(1 << 20) + ">",
      `${"a <".repeat(300_000)}`,
    ]) {
      const started = performance.now();
      parseIdentity(hostile);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
