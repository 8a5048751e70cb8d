import { describe, expect, it } from "vitest";
import { ForgeError } from "@/lib/forge/errors";
import { replaceLines, type LineReplacement } from "./edit";

const FILE = "one\ntwo\nthree\nfour\n";
const replace = (from: number, to: number, lines: string[], by = "bob@b.test") => ({
  from,
  to,
  expected: FILE.split("\n").slice(from - 1, to),
  lines,
  by,
});

function refusal(run: () => unknown): ForgeError {
  try {
    run();
  } catch (error) {
    if (error instanceof ForgeError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("replacing suggested lines", () => {
  it("replaces one line, a range, or deletes, keeping the final line break", () => {
    expect(replaceLines("a", FILE, [replace(2, 2, ["TWO"])])).toBe("one\nTWO\nthree\nfour\n");
    expect(replaceLines("a", FILE, [replace(2, 3, ["2 and 3"])])).toBe("one\n2 and 3\nfour\n");
    expect(replaceLines("a", FILE, [replace(4, 4, [])])).toBe("one\ntwo\nthree\n");
    expect(
      replaceLines("a", "x\ny", [{ from: 2, to: 2, expected: ["y"], lines: ["z", "w"], by: "b" }]),
    ).toBe("x\nz\nw");
  });

  it("applies several at once, whatever their order, each on the lines it was made on", () => {
    const edits: LineReplacement[] = [replace(4, 4, ["4", "4½"]), replace(1, 2, ["1-2"])];
    expect(replaceLines("a", FILE, edits)).toBe("1-2\nthree\n4\n4½\n");
  });

  it("refuses suggestions that overlap, naming both reviewers", () => {
    const error = refusal(() =>
      replaceLines("a", FILE, [
        replace(1, 2, ["x"], "bob@b.test"),
        replace(2, 3, ["y"], "eve@e.test"),
      ]),
    );
    expect(error.code).toBe("suggestions-overlap");
    expect(error.data).toEqual({ file: "a", line: 2, by: ["bob@b.test", "eve@e.test"] });
  });

  it("refuses a suggestion whose lines changed since, or that runs past the end", () => {
    const changed = "one\ntwo!\nthree\nfour\n";
    expect(refusal(() => replaceLines("a", changed, [replace(2, 3, ["x"])])).code).toBe(
      "suggestion-outdated",
    );
    const past = { from: 4, to: 5, expected: ["four", ""], lines: ["x"], by: "b" };
    expect(refusal(() => replaceLines("a", FILE, [past])).code).toBe("suggestion-outdated");
  });
});
