import { describe, expect, it } from "vitest";
import { fileLineCounts } from "@/lib/scm/line-counts";
import { file, hunk } from "./fixtures";
import {
  collapseReason,
  COLLAPSE_CHANGED_LINES,
  pairSplitRows,
  totalStats,
  unifiedRows,
} from "./rows";

/** A split row as `left | right` texts, `.` for an empty side. */
const sides = (h: ReturnType<typeof hunk>) =>
  pairSplitRows(h).map((row) => `${row.left?.line.text ?? "."} | ${row.right?.line.text ?? "."}`);

describe("unifiedRows", () => {
  it("folds a noeol marker into the line before it", () => {
    const rows = unifiedRows(hunk(1, 1, ["-a", "\\ No newline at end of file", "+a"]));
    expect(rows.map((row) => [row.line.text, row.index, row.noeol])).toEqual([
      ["a", 0, "No newline at end of file"],
      ["a", 2, undefined],
    ]);
  });
});

describe("pairSplitRows", () => {
  it("pairs each deletion with the addition at the same place in the run", () => {
    const h = hunk(1, 1, [" one", "-two", "-three", "+TWO", " four", "+five"]);
    expect(sides(h)).toEqual(["one | one", "two | TWO", "three | .", "four | four", ". | five"]);
  });

  it("pairs interleaved changes as one run", () => {
    expect(sides(hunk(1, 1, ["-a", "+b", "-c", "+d"]))).toEqual(["a | b", "c | d"]);
  });

  it("puts surplus additions against an empty left side", () => {
    expect(sides(hunk(1, 1, ["-a", "+b", "+c", "+d"]))).toEqual(["a | b", ". | c", ". | d"]);
  });

  it("shares context lines between both sides, numbered on each", () => {
    const [row] = pairSplitRows(hunk(5, 7, [" same"]));
    expect(row!.left).toBe(row!.right);
    expect([row!.left!.line.oldLine, row!.right!.line.newLine]).toEqual([5, 7]);
  });

  it("keeps noeol on the side it belongs to", () => {
    const rows = pairSplitRows(
      hunk(1, 1, ["-last", "\\ No newline at end of file", "+last", "+more"]),
    );
    expect(rows.map((row) => [row.left?.noeol, row.right?.noeol])).toEqual([
      ["No newline at end of file", undefined],
      [undefined, undefined],
    ]);
  });
});

describe("stats and collapsing", () => {
  const small = file("a.ts", [hunk(1, 1, [" x", "-y", "+z", "+w"])]);

  it("counts added and deleted lines", () => {
    expect(fileLineCounts(small)).toEqual({ added: 2, removed: 1 });
    expect(totalStats([small, small])).toEqual({ added: 4, removed: 2 });
  });

  it("starts small files open and big, binary or deleted files closed", () => {
    const big = file("big.ts", [
      hunk(
        0,
        1,
        Array.from({ length: COLLAPSE_CHANGED_LINES + 1 }, (_, i) => `+${i}`),
      ),
    ]);
    expect(collapseReason(small)).toBeUndefined();
    expect(collapseReason(big)).toBe(`Large diff: ${COLLAPSE_CHANGED_LINES + 1} changed lines`);
    expect(collapseReason(file("x.png", [], { binary: true }))).toBe("Binary file");
    expect(collapseReason(file("gone.ts", [hunk(1, 0, ["-x"])], { status: "deleted" }))).toBe(
      "File deleted",
    );
  });
});
