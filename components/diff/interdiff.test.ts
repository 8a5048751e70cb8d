import { describe, expect, it } from "vitest";
import { file, hunk } from "./fixtures";
import { filePatchText, interdiff } from "./interdiff";

const texts = (lines: readonly { kind: string; text: string }[]) =>
  lines.map((line) => `${line.kind}:${line.text}`);

describe("interdiff", () => {
  const readme = file("README.md", [hunk(1, 1, [" # Title", "+Intro."])]);
  const appA = file("src/app.ts", [hunk(10, 10, [" a", "-b", "+c", " d"], "function main()")]);
  const appB = file("src/app.ts", [hunk(10, 10, [" a", "-b", "+C", " d"], "function main()")]);
  const util = file("src/util.ts", [hunk(0, 1, ["+export {};"])], { status: "added" });
  const old = file("src/old.ts", [hunk(1, 1, [" x", "+y"])]);

  const result = interdiff([readme, appA, old], [readme, appB, util]);

  it("omits files whose patch did not change, and sorts by path", () => {
    expect(result.map((f) => [f.newPath, f.change, f.status])).toEqual([
      ["src/app.ts", "changed", "modified"],
      ["src/old.ts", "dropped", "deleted"],
      ["src/util.ts", "new", "added"],
    ]);
  });

  it("shows a changed file as the patch lines each revision has", () => {
    const app = result[0]!;
    expect(app.language).toBe("diff");
    expect(app.badge).toBe("changed between revisions");
    expect(app.hunks).toHaveLength(1);
    expect(texts(app.hunks[0]!.lines)).toEqual([
      "context:@@ function main()",
      "context: a",
      "context:-b",
      "del:+c",
      "add:+C",
      "context: d",
    ]);
    const del = app.hunks[0]!.lines[3]!;
    const add = app.hunks[0]!.lines[4]!;
    expect([del.oldLine, add.newLine]).toEqual([4, 4]);
  });

  it("shows a new file's whole patch as added and a dropped one's as deleted", () => {
    expect(texts(result[2]!.hunks[0]!.lines)).toEqual([
      "add:new file mode",
      "add:@@",
      "add:+export {};",
    ]);
    expect(result[2]!.hunks[0]!.header).toBe("@@ -0,0 +1,3 @@");
    expect(texts(result[1]!.hunks[0]!.lines)).toEqual(["del:@@", "del: x", "del:+y"]);
    expect(result[1]!.hunks[0]!.header).toBe("@@ -1,3 +0,0 @@");
  });

  it("ignores hunks that only moved", () => {
    const moved = file("src/app.ts", [hunk(42, 45, [" a", "-b", "+c", " d"], "function main()")]);
    expect(interdiff([appA], [moved])).toEqual([]);
  });

  it("compares a path touched by several changesets as one text", () => {
    const first = file("a.txt", [hunk(1, 1, ["-1", "+one"])]);
    const second = file("a.txt", [hunk(5, 5, ["-5", "+five"])]);
    const squashed = file("a.txt", [hunk(1, 1, ["-1", "+one"]), hunk(5, 5, ["-5", "+five"])]);
    expect(interdiff([first, second], [squashed])).toEqual([]);
    expect(interdiff([first, second], [first])[0]!.change).toBe("changed");
  });
});

describe("filePatchText", () => {
  it("keeps renames, modes, sections and noeol markers, without line numbers", () => {
    const renamed = file(
      "b.sh",
      [hunk(1, 1, ["-x", "+y", "\\ No newline at end of file"], "setup")],
      { oldPath: "a.sh", status: "renamed", oldMode: "100644", newMode: "100755" },
    );
    expect(filePatchText(renamed)).toBe(
      [
        "rename from a.sh",
        "rename to b.sh",
        "old mode 100644",
        "new mode 100755",
        "@@ setup",
        "-x",
        "+y",
        "\\ No newline at end of file",
        "",
      ].join("\n"),
    );
  });

  it("reduces binary patches to a fingerprint", () => {
    const chunk = (lines: string[]) => ({ method: "literal" as const, size: 3, lines });
    const a = file("x.png", [], { binary: true, binaryPatch: { forward: chunk(["zabc"]) } });
    const b = file("x.png", [], { binary: true, binaryPatch: { forward: chunk(["zabd"]) } });
    expect(filePatchText(a)).toMatch(/^binary literal 3 bytes, [0-9a-f]{8}\n$/);
    expect(filePatchText(a)).not.toBe(filePatchText(b));
    expect(interdiff([a], [b]).map((f) => f.change)).toEqual(["changed"]);
  });
});
