import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import { NS_XHTML, renderMarkdown, sanitizeXhtml, TOO_DEEP_HTML } from "./markdown";
import { renderWiki } from "./wiki/render";

const wiki = { wikiBase: "/p/s/x/wiki", exists: () => true };

const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom("*", "_", "[", "]", "(", ")", "`", "> ", "- ", "1. ", "#", "|", "\n", "  "),
      fc.constantFrom("[[", "]]", "<script>", "<b>", "</b>", "&", "javascript:", "![x](", "~~"),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe("renderers of strangers' text", () => {
  it("render any text without throwing, and never a script", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        for (const html of [
          renderMarkdown(text, { projectPath: "/p/x" }),
          sanitizeXhtml(text),
          renderWiki(text, wiki),
        ]) {
          expect(html).not.toMatch(/<script|(href|src)="\s*javascript:/i);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("show markup nested 10,000 levels deep as a note, in bounded time", () => {
    const nested = `<div xmlns="${NS_XHTML}">${"<b>".repeat(10_000)}x${"</b>".repeat(10_000)}</div>`;
    for (const render of [() => sanitizeXhtml(nested), () => sanitizeXhtml(parseXml(nested))]) {
      let html = "";
      expect(timed(() => (html = render()))).toBeLessThan(2_000);
      expect(html).toBe(TOO_DEEP_HTML);
    }
  });

  it("render long runs of one character in bounded time", () => {
    for (const unit of ["a", " ", "[", "<", "`", "\n"]) {
      const text = unit.repeat(20_000);
      expect(timed(() => renderMarkdown(text))).toBeLessThan(2_000);
      expect(timed(() => sanitizeXhtml(text))).toBeLessThan(2_000);
      expect(timed(() => renderWiki(text, wiki))).toBeLessThan(2_000);
    }
  });
});
