import { describe, expect, it } from "vitest";
import { diffStats, lineDiff } from "./diff";

describe("lineDiff", () => {
  it("numbers old and new lines", () => {
    expect(lineDiff("a\nb\nc\n", "a\nB\nc\nd\n")).toEqual([
      { kind: "same", text: "a", oldLine: 1, newLine: 1 },
      { kind: "del", text: "b", oldLine: 2 },
      { kind: "add", text: "B", newLine: 2 },
      { kind: "same", text: "c", oldLine: 3, newLine: 3 },
      { kind: "add", text: "d", newLine: 4 },
    ]);
  });

  it("folds unchanged lines far from changes", () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
    const rows = lineDiff(old, old.replace("line 10", "line ten"), 2);
    expect(rows.map((row) => (row.kind === "skip" ? `…${row.count}` : row.kind))).toEqual([
      "…7",
      "same",
      "same",
      "del",
      "add",
      "same",
      "same",
      "…8",
    ]);
    expect(diffStats(rows)).toEqual({ added: 1, removed: 1 });
  });

  it("handles empty sides and identical texts", () => {
    expect(lineDiff("", "x")).toEqual([{ kind: "add", text: "x", newLine: 1 }]);
    expect(lineDiff("x\n", "")).toEqual([{ kind: "del", text: "x", oldLine: 1 }]);
    expect(lineDiff("same\n", "same\n")).toEqual([{ kind: "skip", count: 1 }]);
  });

  it("keeps markup as the text it is", () => {
    expect(lineDiff("", "<script>alert(1)</script>")).toEqual([
      { kind: "add", text: "<script>alert(1)</script>", newLine: 1 },
    ]);
  });
});
