import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinearIn } from "@/lib/testing/linear-time";
import { MAX_SUGGESTIONS_PER_COMMENT, suggestionBlocks } from "./blocks";

const lines = (markdown: string) => suggestionBlocks(markdown).map((block) => block.lines);

describe("suggestion blocks", () => {
  it("reads the lines of each fenced block whose info string is suggestion", () => {
    const markdown = [
      "Better:",
      "```suggestion",
      "const x = 1;",
      "",
      "```",
      "and delete this one:",
      "~~~~ suggestion ",
      "~~~~",
    ].join("\r\n");
    expect(lines(markdown)).toEqual([["const x = 1;", ""], []]);
  });

  it("ignores other fences, suggestion fences inside them, and a fence left open", () => {
    expect(lines("```ts\n```suggestion\nno\n```\n")).toEqual([]);
    expect(lines("````\n```suggestion\nno\n```\n````\n")).toEqual([]);
    expect(lines("```suggestion\nnever closed\n")).toEqual([]);
    expect(lines("```suggestion\nno\n~~~\n")).toEqual([]);
    expect(lines("    ```suggestion\nindented code\n```\n")).toEqual([]);
    expect(lines("```suggestions\nno\n```\n")).toEqual([]);
    expect(lines("```suggestion `x`\nno\n```\n")).toEqual([]);
  });

  it("closes on a longer fence of the same character, not on a shorter one", () => {
    expect(lines("````suggestion\n```\nstill in\n`````\n")).toEqual([["```", "still in"]]);
  });

  it("reads at most a few blocks of a comment", () => {
    const many = "```suggestion\nx\n```\n".repeat(MAX_SUGGESTIONS_PER_COMMENT * 3);
    expect(lines(many)).toHaveLength(MAX_SUGGESTIONS_PER_COMMENT);
  });

  it("never throws, and every block it finds was written between fences (fuzzed)", () => {
    const piece = fc.oneof(
      fc.constantFrom("```", "~~~", "````", "```suggestion", "~~~suggestion", "   ```", "\n"),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const markdown = pieces.join("\n");
        for (const block of suggestionBlocks(markdown)) {
          expect(markdown).toContain(block.lines.join("\n"));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("stays linear on hostile shapes", () => {
    for (const unit of [
      "```suggestion\n",
      "```\n",
      "```suggestion\nx\n```\n",
      "~~~suggestion\n```\n",
      "`",
      "```suggestion\n" + "a".repeat(100) + "\n",
    ]) {
      expectLinearIn((n) => unit.repeat(n), suggestionBlocks, 20_000);
    }
  });
});
