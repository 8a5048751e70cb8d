import { writeFileSync, rmSync, renameSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { composeFileDiffs } from "./compose-diffs";
import { parseGitSeries } from "./git-series";
import { reverseFileDiff } from "./reverse-diff";
import { git, gitCommit, removeTempDirs, tempDir } from "./testing/repos";
import type { FileDiff } from "./types";
import { parseUnifiedDiff } from "./unified-diff";

afterAll(removeTempDirs);

const numbered = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => `line ${i + from}`);
const text = (lines: string[], eol = true) => lines.join("\n") + (eol ? "\n" : "");

type Edit = Record<string, string | null | { from: string }>;

/** A repository with `base` committed, then one commit per edit (null deletes, from: renames). */
function series(base: Record<string, string>, edits: Edit[]) {
  const dir = tempDir("compose");
  git(dir, ["init", "-q", "-b", "main"]);
  const write = (files: Edit) => {
    for (const [path, content] of Object.entries(files)) {
      const at = join(dir, path);
      if (content === null) {
        rmSync(at);
        continue;
      }
      mkdirSync(dirname(at), { recursive: true });
      if (typeof content === "object") renameSync(join(dir, content.from), at);
      else writeFileSync(at, content);
    }
  };
  write(base);
  gitCommit(dir, "Base", "A <a@forge.test>", "2026-01-01T00:00:00Z");
  edits.forEach((edit, i) => {
    write(edit);
    gitCommit(dir, `Edit ${i}`, "A <a@forge.test>", "2026-01-01T00:00:00Z");
  });
  const range = `HEAD~${edits.length}..HEAD`;
  return {
    steps: parseGitSeries(git(dir, ["format-patch", "-M", "--stdout", range])).changesets.map(
      (c) => c.files,
    ),
    /** What git itself says the series does, base to tip. */
    expected: parseUnifiedDiff(git(dir, ["diff", "-M", `HEAD~${edits.length}`, "HEAD"])),
  };
}

/** What a reader sees of a file diff: paths, status and each line with its numbers. */
function seen(files: readonly FileDiff[]) {
  return files.map((file) => ({
    paths: [file.oldPath, file.newPath],
    status: file.status,
    lines: file.hunks.flatMap((hunk) => [
      `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines}`,
      ...hunk.lines.map((l) => `${l.kind} ${l.oldLine ?? ""}/${l.newLine ?? ""} ${l.text}`),
    ]),
  }));
}

describe("composeFileDiffs", () => {
  it("gives what git diff base..tip gives when commits touch the same file", () => {
    const lines = numbered(40);
    const first = [...lines];
    first[2] = "THREE";
    first.splice(20, 0, "inserted");
    const second = [...first];
    second[2] = "Three";
    second.splice(35, 2);
    const { steps, expected } = series({ "src/app.txt": text(lines), "docs/a.md": "# A\n" }, [
      { "src/app.txt": text(first) },
      { "docs/a.md": "# A\n\nMore.\n" },
      { "src/app.txt": text(second) },
    ]);
    const combined = composeFileDiffs(steps);
    expect(seen(combined)).toEqual(seen(expected));
    expect(combined.map((f) => f.steps)).toEqual([[1], [0, 2]]);
  });

  it("drops a change undone later, and a file added then deleted", () => {
    const lines = numbered(12);
    const changed = [...lines];
    changed[5] = "changed";
    const { steps, expected } = series({ "a.txt": text(lines), "b.txt": "b\n" }, [
      { "a.txt": text(changed), "tmp.txt": "scratch\n" },
      { "a.txt": text(lines), "tmp.txt": null, "b.txt": "B\n" },
    ]);
    expect(expected.map((f) => f.newPath)).toEqual(["b.txt"]);
    expect(seen(composeFileDiffs(steps))).toEqual(seen(expected));
  });

  it("follows renames, deletions, a missing final newline and edits far apart", () => {
    const lines = numbered(60);
    const edited = [...lines];
    edited[0] = "first";
    edited[59] = "last";
    const { steps, expected } = series(
      { "old/name.txt": text(lines), "gone.txt": text(numbered(5)), "keep.txt": "k\n" },
      [
        { "new/name.txt": { from: "old/name.txt" } },
        { "new/name.txt": text(edited, false), "gone.txt": null },
        { "keep.txt": "k\nk2" },
        { "keep.txt": "k\nk2\nk3\n" },
      ],
    );
    const combined = composeFileDiffs(steps);
    expect(seen(combined)).toEqual(seen(expected));
    expect(combined.map((f) => f.status)).toEqual(["deleted", "modified", "renamed"]);
  });

  it("returns the steps' own diffs for a file whose hunks do not line up", () => {
    const a: FileDiff = {
      oldPath: "x",
      newPath: "x",
      status: "modified",
      binary: false,
      hunks: [
        {
          header: "@@ -1 +1 @@",
          oldStart: 1,
          oldLines: 1,
          newStart: 1,
          newLines: 1,
          lines: [
            { kind: "del", text: "a", oldLine: 1 },
            { kind: "add", text: "b", newLine: 1 },
          ],
        },
      ],
    };
    // The second step claims line 1 is still "a".
    const result = composeFileDiffs([[a], [a]]);
    expect(result.map((f) => [f.steps, f.uncombined])).toEqual([
      [[0], true],
      [[1], true],
    ]);
  });
});

describe("reverseFileDiff", () => {
  it("undoes a diff: composed with it, nothing is left", () => {
    const lines = numbered(30);
    const changed = [...lines];
    changed[4] = "five";
    changed.splice(20, 3, "x", "y");
    const { expected } = series({ "a.txt": text(lines) }, [{ "a.txt": text(changed, false) }]);
    const reversed = reverseFileDiff(expected[0]!);
    expect(reversed.hunks[0]!.lines.map((l) => l.kind)).toEqual([
      "context",
      "context",
      "context",
      "del",
      "add",
      "context",
      "context",
      "context",
    ]);
    expect(composeFileDiffs([expected, [reversed]])).toEqual([]);
    expect(composeFileDiffs([[reversed], expected])).toEqual([]);
  });
});
