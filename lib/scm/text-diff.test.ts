import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyHunks } from "./apply-hunks";
import { diffTexts } from "./text-diff";
import { parseUnifiedDiff } from "./unified-diff";

const steps = (change: (n: number) => string) =>
  `int main(void)\n{\n${Array.from({ length: 12 }, (_, i) => `  ${change(i + 1)};\n`).join("")}}\n`;

describe("diffTexts", () => {
  it("writes the hunks git diff writes, function context included", () => {
    const gitDiff = readFileSync(new URL("./__fixtures__/git-diff.diff", import.meta.url), "utf8");
    const oldText = steps((n) => `step(${n})`);
    const newText = steps((n) => (n === 2 || n === 11 ? `STEP(${n})` : `step(${n})`));
    expect(diffTexts(oldText, newText)).toEqual(parseUnifiedDiff(gitDiff)[0]!.hunks);
  });

  it("numbers empty sides from the line before, as unified diffs do", () => {
    expect(diffTexts("", "a\nb\n").map((hunk) => hunk.header)).toEqual(["@@ -0,0 +1,2 @@"]);
    expect(diffTexts("a\nb\n", "").map((hunk) => hunk.header)).toEqual(["@@ -1,2 +0,0 @@"]);
    expect(diffTexts("same\n", "same\n")).toEqual([]);
  });

  it("marks a missing final newline on the side that lacks it", () => {
    const [hunk] = diffTexts("a\nb", "a\nb\n");
    expect(hunk!.lines.map((line) => line.kind)).toEqual(["context", "del", "noeol", "add"]);
  });

  it("gives hunks that applyHunks turns back into the new text", () => {
    const texts = [
      "",
      "x",
      "x\n",
      "a\nb\nc\n",
      "a\nB\nc",
      "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
    ];
    const edited = "0\n1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\n12\n13";
    for (const oldText of [...texts, edited]) {
      for (const newText of [...texts, edited]) {
        expect(applyHunks(oldText, diffTexts(oldText, newText))).toBe(newText);
      }
    }
  });
});
