import { describe, expect, it } from "vitest";
import {
  anchorKey,
  commentButtonLabel,
  lineAnchor,
  parseAnchorKey,
  unplacedComments,
  type Anchor,
} from "./anchor";
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
