import { describe, expect, it } from "vitest";
import {
  anchorKey,
  commentButtonLabel,
  lineAnchor,
  parseAnchorKey,
  shownAnchorKeys,
  unplacedComments,
  type Anchor,
} from "./anchor";
import { composeFileDiffs } from "@/lib/scm/compose-diffs";
import { file, hunk } from "./fixtures";

const renamed = file(
  "new/name.ts",
  [hunk(3, 3, [" ctx", "-old", "+new", "\\ No newline at end of file"])],
  {
    oldPath: "old/name.ts",
    status: "renamed",
  },
);
const [context, deleted, added, noeol] = renamed.hunks[0]!.lines;

describe("lineAnchor", () => {
  it("anchors deleted lines to the old file and the rest to the new one", () => {
    expect(lineAnchor(renamed, deleted!)).toEqual({ file: "old/name.ts", side: "old", line: 4 });
    expect(lineAnchor(renamed, added!)).toEqual({ file: "new/name.ts", side: "new", line: 4 });
    expect(lineAnchor(renamed, context!)).toEqual({ file: "new/name.ts", side: "new", line: 3 });
  });

  it("gives noeol markers no anchor", () => {
    expect(lineAnchor(renamed, noeol!)).toBeUndefined();
  });
});

describe("anchorKey", () => {
  it("is stable and distinguishes sides", () => {
    const a: Anchor = { file: "src/app.txt", side: "new", line: 3 };
    expect(anchorKey(a)).toBe("new:3:src/app.txt");
    expect(anchorKey({ ...a })).toBe(anchorKey(a));
    expect(anchorKey({ ...a, side: "old" })).not.toBe(anchorKey(a));
  });

  it("round-trips, even with colons in the path", () => {
    const a: Anchor = { file: "c:/odd:name.txt", side: "old", line: 12 };
    expect(parseAnchorKey(anchorKey(a))).toEqual(a);
    expect(parseAnchorKey("sideways:1:x")).toBeUndefined();
    expect(parseAnchorKey("new:0:x")).toBeUndefined();
    expect(parseAnchorKey("new:1:")).toBeUndefined();
  });
});

describe("commentButtonLabel", () => {
  it("names the line and file, saying when the line is a deleted one", () => {
    expect(commentButtonLabel({ file: "src/app.txt", side: "new", line: 3 })).toBe(
      "Comment on line 3 of src/app.txt",
    );
    expect(commentButtonLabel({ file: "src/app.txt", side: "old", line: 3 })).toBe(
      "Comment on deleted line 3 of src/app.txt",
    );
  });
});

describe("unplacedComments", () => {
  it("returns the comments on lines the view does not show", () => {
    const shown = { anchor: { file: "new/name.ts", side: "new", line: 4 } as const };
    const gone = { anchor: { file: "new/name.ts", side: "new", line: 40 } as const };
    const oldSide = { anchor: { file: "old/name.ts", side: "old", line: 4 } as const };
    expect(unplacedComments([renamed], [shown, gone, oldSide])).toEqual([gone]);
  });
});

describe("anchors on a combined diff", () => {
  // Commit 1 changes line 3; commit 2 adds a line on top and changes it again.
  const first = file("a.txt", [hunk(1, 1, [" one", " two", "-three", "+THREE", " four"])]);
  const second = file("a.txt", [
    hunk(1, 1, ["+zero", " one", " two", "-THREE", "+Three", " four"]),
  ]);
  const combined = composeFileDiffs([[first], [second]]);

  it("numbers the new side as the series' result and the old side as its base", () => {
    const anchors = combined[0]!.hunks.flatMap((h) =>
      h.lines.map((line) => lineAnchor(combined[0]!, line)),
    );
    expect(anchors.map((a) => a && `${a.side}:${a.line}`)).toEqual([
      "new:1",
      "new:2",
      "new:3",
      "old:3",
      "new:4",
      "new:5",
    ]);
  });

  it("shows each line once, so a comment lands on one line only", () => {
    const onThree = { anchor: { file: "a.txt", side: "new", line: 4 } as const };
    const onBaseLine = { anchor: { file: "a.txt", side: "old", line: 3 } as const };
    const onCommitOnly = { anchor: { file: "a.txt", side: "old", line: 4 } as const };
    expect(unplacedComments(combined, [onThree, onBaseLine, onCommitOnly])).toEqual([onCommitOnly]);
    expect([...shownAnchorKeys(combined)]).toHaveLength(6);
  });
});
