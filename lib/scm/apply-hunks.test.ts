import { describe, expect, it } from "vitest";
import { applyHunks } from "./apply-hunks";
import { ApplyConflictError } from "./errors";
import { diffTexts } from "./text-diff";
import type { Hunk } from "./types";

const numbered = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join("");

function conflict(run: () => unknown): ApplyConflictError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplyConflictError) return error;
    throw error;
  }
  throw new Error("expected an ApplyConflictError");
}

describe("applyHunks", () => {
  const oldText = numbered(1, 20);
  const newText = oldText
    .replace("line 3\n", "line three\n")
    .replace("line 17\n", "line seventeen\n");
  const hunks = diffTexts(oldText, newText);

  it("applies hunks where their headers say", () => {
    expect(hunks).toHaveLength(2);
    expect(applyHunks(oldText, hunks)).toBe(newText);
  });

  it("finds hunks that moved because lines were added above them", () => {
    const added = "added 1\nadded 2\n";
    const shifted = oldText.replace("line 10\n", `line 10\n${added}`);
    expect(applyHunks(shifted, hunks)).toBe(newText.replace("line 10\n", `line 10\n${added}`));
  });

  it("names the file, the hunk and the line that does not match", () => {
    const changed = oldText.replace("line 16\n", "line sixteen\n");
    const error = conflict(() => applyHunks(changed, hunks, "notes.txt"));
    expect(error).toMatchObject({
      file: "notes.txt",
      hunk: { index: 2, header: "@@ -14,7 +14,7 @@ line 13" },
      reason: "line 16 is “line sixteen”, the patch expects “line 16”",
    });
    expect(error.message).toBe(
      "Does not apply: notes.txt, hunk 2 (@@ -14,7 +14,7 @@ line 13): line 16 is “line sixteen”, the patch expects “line 16”",
    );
  });

  it("tells a missing final newline apart from a present one", () => {
    const noEol = diffTexts("noeol", "noeol2");
    expect(applyHunks("noeol", noEol)).toBe("noeol2");
    expect(conflict(() => applyHunks("noeol\n", noEol, "f")).reason).toBe(
      "line 1 is “noeol”, the patch expects “noeol” without a final newline",
    );
  });

  it("creates content only in an empty file", () => {
    const creation = diffTexts("", "new\n");
    expect(applyHunks("", creation)).toBe("new\n");
    expect(conflict(() => applyHunks("old\n", creation, "f")).reason).toBe("the file is not empty");
  });

  it("keeps a hunk at the start of the file from matching further down", () => {
    const atStart: Hunk[] = diffTexts("a\nb\nc\nd\n", "A\nb\nc\nd\n");
    expect(conflict(() => applyHunks("x\na\nb\nc\nd\n", atStart, "f")).hunk?.index).toBe(1);
  });

  it("keeps a hunk at the end of the file from matching further up", () => {
    const atEnd = diffTexts("a\nb\nc\nd\n", "a\nb\nc\nD\n");
    expect(conflict(() => applyHunks("a\nb\nc\nd\ne\n", atEnd, "f")).hunk?.index).toBe(1);
  });
});
