import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { itemFromElement } from "@/lib/xmpp/pubsub";
import { parseXml } from "@/lib/xmpp/xml";
import { decodeCheck, MAX_SUMMARY_CHARS } from "./codec";

// Checks come from bots on anyone's server: the decoder refuses what it cannot read, never
// throws, and what it accepts is bounded and links only to web pages.

const value = fc.oneof(
  fc.constantFrom(
    "mr-1",
    "3",
    "-1",
    "0x3",
    "ci",
    "success",
    "failure",
    "pending",
    "https://ci.example/1",
    "javascript:alert(1)",
    " https://x.example",
    "data:text/html,x",
    "",
  ),
  fc.string({ maxLength: 12 }),
);
const attrs = fc.dictionary(
  fc.constantFrom("merge-request", "revision", "name", "status", "url", "xmlns"),
  value,
);
const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
const item = fc
  .tuple(
    attrs,
    fc.constantFrom("mr-1_r3_ci", "i", ""),
    fc.oneof(fc.string({ maxLength: 30 }), fc.constant("x".repeat(MAX_SUMMARY_CHARS + 10))),
    fc.boolean(),
  )
  .map(([fields, id, summary, namespaced]) => {
    const attributes = Object.entries({
      ...(namespaced ? { xmlns: "urn:pubforge:checks:0" } : {}),
      ...fields,
    })
      .map(([name, text]) => `${name}="${escape(text)}"`)
      .join(" ");
    return `<item id="${id}"><check ${attributes}><summary>${escape(summary)}</summary></check></item>`;
  });

describe("check decoder on strangers' items", () => {
  it("decodes or refuses any item without throwing, and bounds what it accepts", () => {
    fc.assert(
      fc.property(item, (text) => {
        let element;
        try {
          element = parseXml(text);
        } catch {
          return;
        }
        const decoded = decodeCheck(itemFromElement(element));
        if (!decoded.ok) return;
        expect(decoded.check.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
        if (decoded.check.url) expect(decoded.check.url).toMatch(/^https?:\/\//);
        expect(Number.isInteger(decoded.check.revision)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("reads a summary of a million characters in bounded time", () => {
    const huge = `<item id="mr-1_r3_ci"><check xmlns="urn:pubforge:checks:0" merge-request="mr-1" revision="3" name="ci" status="success"><summary>${"y".repeat(1_000_000)}</summary></check></item>`;
    const element = parseXml(huge);
    const started = performance.now();
    const decoded = decodeCheck(itemFromElement(element));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(decoded.ok && decoded.check.summary.length).toBe(MAX_SUMMARY_CHARS);
  });
});
