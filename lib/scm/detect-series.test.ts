import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectSeriesKind, parseSeries } from "./detect-series";
import { PatchParseError } from "./errors";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

describe("detectSeriesKind", () => {
  it("knows git format-patch and hg export output", () => {
    expect(detectSeriesKind(fixture("git-series.mbox"))).toEqual({ kind: "git" });
    expect(detectSeriesKind(`\uFEFF\n${fixture("hg-series.patch")}`)).toEqual({ kind: "hg" });
  });

  it("says why anything else is not a series", () => {
    const reasons = [
      "",
      "hello",
      fixture("git-diff.diff"),
      "From: someone@example.org\nSubject: my patch\n\nsee attachment",
      "<html><body>404</body></html>",
      "\0\0\0",
    ].map((text) => {
      const detected = detectSeriesKind(text);
      return detected.kind === null ? detected.reason : detected.kind;
    });
    expect(reasons).toEqual([
      "the patch is empty",
      "not a patch series: it must start with “From <commit id> …” (git format-patch) or “# HG changeset patch” (hg export)",
      "this is a bare diff, without author or message: make it with “git format-patch” or “hg export --git”",
      "this looks like a mail, but not one from git format-patch: send the patch as format-patch writes it",
      "this is an HTML or XML document, not a patch",
      "this is binary data, not a text patch",
    ]);
  });
});

describe("parseSeries", () => {
  it("parses either kind and rejects garbage with the reason", () => {
    expect(parseSeries(fixture("hg-series.patch")).changesets).toHaveLength(2);
    expect(parseSeries(fixture("git-series.mbox")).kind).toBe("git");
    expect(() => parseSeries("hello")).toThrow(PatchParseError);
  });
});
