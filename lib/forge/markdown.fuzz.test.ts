import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { bestOfThree } from "@/lib/testing/linear-time";
import { parseXml } from "@/lib/xmpp/xml";
import { NS_XHTML, renderMarkdown, sanitizeXhtml, TOO_DEEP_HTML } from "./markdown";
import { type MarkdownOmission, OMISSION_NOTES } from "./markdown-limits";
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

/**
 * Shapes micromark is slow on (see markdown-limits.ts: unlimited, 64 KB of `*a` took 15 s,
 * 4,000 lines of `- - x` over a minute, 16 KB of `a`, `=` 19 s), and the limit each hits.
 */
const HOSTILE: [unit: string, omitted: MarkdownOmission][] = [
  ["a*", "emphasis"],
  ["*a_", "emphasis"],
  ["~~a", "emphasis"],
  ["[a](", "emphasis"],
  ["[a]", "emphasis"],
  ["- - x\n", "blocks"],
  ["- a\n  - b\n", "blocks"],
  ["> a\n\nb\n", "blocks"],
  ["> a\n# h\n", "blocks"],
  [`${"- ".repeat(32)}x\n`, "blocks"],
  ["a\n=\n", "blocks"],
  ["[a]: b\n\n", "references"],
  ["[^a]: b\n", "references"],
  ["|x|y|\n", "table"],
  ["* a\n", "size"],
  ["# a\n", "size"],
  ["a  \n", "size"],
];

/**
 * How much slower this machine is right now than an idle one: the bounds below are for an idle
 * machine (20 KB of ordinary prose renders in ~150 ms there), and a loaded one (CI, parallel
 * test files) stretches every one of them alike. A quadratic case overshoots them by far more.
 */
let slack = 1;
const PROSE = "Some *words* and `code`, a [link](https://x.test).\n\n".repeat(400);
const PROSE_MS_IDLE = 150;
const within = (ms: number) => ms * slack;

describe("renderers of strangers' text", () => {
  beforeAll(() => {
    slack = Math.max(1, bestOfThree(() => renderMarkdown(PROSE)) / PROSE_MS_IDLE);
  });

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
      expect(timed(() => (html = render()))).toBeLessThan(within(2_000));
      expect(html).toBe(TOO_DEEP_HTML);
    }
  });

  it("render long runs of one character in bounded time", { timeout: 60_000 }, () => {
    for (const unit of ["a", " ", "[", "<", "`", "\n"]) {
      const text = unit.repeat(20_000);
      expect(timed(() => renderMarkdown(text))).toBeLessThan(within(2_000));
      expect(timed(() => sanitizeXhtml(text))).toBeLessThan(within(2_000));
      expect(timed(() => renderWiki(text, wiki))).toBeLessThan(within(2_000));
    }
  });

  it("render hostile text in time that stops growing with its length", { timeout: 180_000 }, () => {
    for (const [unit, omitted] of HOSTILE) {
      const text = (n: number) => (unit === "|x|y|\n" ? "|a|b|\n|-|-|\n" : "") + unit.repeat(n);
      const n = Math.ceil(150_000 / unit.length);
      let html = "";
      const once = timed(() => (html = renderMarkdown(text(n))));
      expect(html, unit).toContain(OMISSION_NOTES[omitted]);
      const twice = timed(() => renderMarkdown(text(2 * n)));
      // Past the limits, twice the text is the same work (plus a linear scan).
      expect(twice, unit).toBeLessThan(1.5 * once + within(300));
      expect(twice, unit).toBeLessThan(within(5_000));
    }
  });

  it(
    "render any mix of hostile shapes, at any length, in bounded time",
    { timeout: 180_000 },
    () => {
      const shape = fc.tuple(
        fc.constantFrom(...HOSTILE.map(([unit]) => unit), "*", "|-|-|\n", "```\n", "<!--\n", "\n"),
        fc.integer({ min: 1, max: 40_000 }),
      );
      fc.assert(
        fc.property(fc.array(shape, { minLength: 1, maxLength: 6 }), (shapes) => {
          const text = shapes.map(([unit, times]) => unit.repeat(times)).join("");
          expect(timed(() => renderMarkdown(text))).toBeLessThan(within(5_000));
        }),
        // A failure is reported as found: shrinking would render megabytes over and over.
        { numRuns: 12, endOnFailure: true },
      );
    },
  );
});
