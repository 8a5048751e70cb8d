import { describe, expect, it } from "vitest";
import { file, hunk } from "./fixtures";
import { interdiff } from "./interdiff";

const texts = (lines: readonly { kind: string; text: string }[]) =>
  lines.map((line) => `${line.kind}:${line.text}`);

describe("interdiff", () => {
  const readme = file("README.md", [hunk(1, 1, [" # Title", "+Intro."])]);
  const appA = file("src/app.ts", [hunk(10, 10, [" a", " x", " y", "-b", "+c", " d"])]);
  const appB = file("src/app.ts", [hunk(10, 10, [" a", " x", " y", "-b", "+C", " d"])]);
  const util = file("src/util.ts", [hunk(0, 1, ["+export {};"])], { status: "added" });
  const old = file("src/old.ts", [hunk(1, 1, [" x", "+y"])]);

  const result = interdiff([readme, appA, old], [readme, appB, util]);

  it("omits files whose content ends the same, and sorts by path", () => {
    expect(result.map((f) => [f.newPath, f.change, f.status])).toEqual([
      ["src/app.ts", "changed", "modified"],
      ["src/old.ts", "dropped", "modified"],
      ["src/util.ts", "new", "added"],
    ]);
  });

  it("shows a changed file as a diff of code from A's result to B's, numbered as in them", () => {
    const app = result[0]!;
    expect(app.badge).toBe("changed between revisions");
    expect(app.hunks).toHaveLength(1);
    expect(app.hunks[0]!.header).toBe("@@ -10,5 +10,5 @@");
    expect(texts(app.hunks[0]!.lines)).toEqual([
      "context:a",
      "context:x",
      "context:y",
      "del:c",
      "add:C",
      "context:d",
    ]);
    const [del, add] = app.hunks[0]!.lines.slice(3);
    expect([del!.oldLine, add!.newLine]).toEqual([13, 13]);
  });

  it("shows a change only A made as undone, and one only B makes as done", () => {
    expect(result[1]!.badge).toBe("change dropped from the series");
    expect(texts(result[1]!.hunks[0]!.lines)).toEqual(["context:x", "del:y"]);
    expect(result[2]!.hunks).toEqual(util.hunks);
  });

  it("ignores how the series was cut into commits: only the results count", () => {
    const first = file("a.txt", [hunk(1, 1, ["-1", "+one"])]);
    const bothEdits = file("a.txt", [hunk(1, 1, ["-1", "+one"]), hunk(5, 5, ["-5", "+five"])]);
    expect(interdiff([bothEdits], [bothEdits])).toEqual([]);
    const lastOnly = interdiff([bothEdits], [first]);
    expect(texts(lastOnly[0]!.hunks[0]!.lines)).toEqual(["del:five", "add:5"]);
  });

  it("compares binary files by their patches", () => {
    const chunk = (lines: string[]) => ({ method: "literal" as const, size: 3, lines });
    const a = file("x.png", [], { binary: true, binaryPatch: { forward: chunk(["zabc"]) } });
    const b = file("x.png", [], { binary: true, binaryPatch: { forward: chunk(["zabd"]) } });
    expect(interdiff([a], [a])).toEqual([]);
    expect(interdiff([a], [b]).map((f) => [f.change, f.binary])).toEqual([["changed", true]]);
  });
});
