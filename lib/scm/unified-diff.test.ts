import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PatchParseError } from "./errors";
import type { FileDiff } from "./types";
import { parseUnifiedDiff } from "./unified-diff";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

function parseError(text: string): PatchParseError {
  try {
    parseUnifiedDiff(text);
  } catch (error) {
    if (error instanceof PatchParseError) return error;
    throw error;
  }
  throw new Error("expected a PatchParseError");
}

const byPath = (files: FileDiff[], path: string) => files.find((file) => file.newPath === path)!;

describe("parseUnifiedDiff", () => {
  it("reads git diff hunks with their function context and line numbers", () => {
    const [file, ...rest] = parseUnifiedDiff(fixture("git-diff.diff"));
    expect(rest).toEqual([]);
    expect(file).toMatchObject({
      oldPath: "long.c",
      newPath: "long.c",
      status: "modified",
      binary: false,
      oldMode: "100644",
      newMode: "100644",
      index: { oldId: "c5003f3", newId: "52e0ce0" },
    });
    const [first, second] = file!.hunks;
    expect(first).toMatchObject({
      header: "@@ -1,7 +1,7 @@",
      oldStart: 1,
      oldLines: 7,
      newStart: 1,
      newLines: 7,
    });
    expect(first!.section).toBeUndefined();
    expect(second).toMatchObject({
      oldStart: 10,
      oldLines: 6,
      newStart: 10,
      newLines: 6,
      section: "int main(void)",
    });
    expect(second!.lines).toEqual([
      { kind: "context", text: "  step(8);", oldLine: 10, newLine: 10 },
      { kind: "context", text: "  step(9);", oldLine: 11, newLine: 11 },
      { kind: "context", text: "  step(10);", oldLine: 12, newLine: 12 },
      { kind: "del", text: "  step(11);", oldLine: 13 },
      { kind: "add", text: "  STEP(11);", newLine: 13 },
      { kind: "context", text: "  step(12);", oldLine: 14, newLine: 14 },
      { kind: "context", text: "}", oldLine: 15, newLine: 15 },
    ]);
  });

  it("reads every kind of file change in git format-patch output, skipping the mail around it", () => {
    const files = parseUnifiedDiff(fixture("git-series.mbox"));
    expect(files.map((file) => [file.status, file.oldPath, file.newPath])).toEqual([
      ["added", "bin.dat", "bin.dat"],
      ["deleted", "gone.txt", "gone.txt"],
      ["modified", "long.c", "long.c"],
      ["added", "new.txt", "new.txt"],
      ["added", "noeol.txt", "noeol.txt"],
      ["renamed", "a.txt", "renamed.txt"],
      ["modified", "new.txt", "new.txt"],
      ["modified", "noeol.txt", "noeol.txt"],
      ["added", "sub dir/ünï.txt", "sub dir/ünï.txt"],
    ]);
    const binary = files[0]!;
    expect(binary).toMatchObject({ binary: true, newMode: "100644", hunks: [] });
    expect(binary.oldMode).toBeUndefined();
    expect(binary.index?.newId).toBe("8352675d67aed6625ece79af41c27fdb4ee2e867");
    expect(binary.binaryPatch).toEqual({
      forward: { method: "literal", size: 3, lines: ["KcmZQzWC8#H2LJ>B"] },
      reverse: { method: "literal", size: 0, lines: ["HcmV?d00001"] },
    });
    expect(files[1]!.hunks[0]!.lines).toEqual([{ kind: "del", text: "del", oldLine: 1 }]);
    expect(files[5]).toMatchObject({ similarity: 100, hunks: [], binary: false });
    expect(files[6]).toMatchObject({ oldMode: "100644", newMode: "100755", hunks: [] });
    expect(files[7]!.hunks[0]!.lines).toEqual([
      { kind: "del", text: "noeol", oldLine: 1 },
      { kind: "noeol", text: "No newline at end of file" },
      { kind: "add", text: "noeol2", newLine: 1 },
      { kind: "noeol", text: "No newline at end of file" },
    ]);
    expect(files[8]!.hunks[0]).toMatchObject({
      oldStart: 0,
      oldLines: 0,
      newStart: 1,
      newLines: 1,
    });
  });

  it("reads hg export --git output: copies, binary literals, unquoted names with spaces", () => {
    const files = parseUnifiedDiff(fixture("hg-series.patch"));
    expect(byPath(files, "copy.c")).toMatchObject({
      status: "copied",
      oldPath: "long.c",
      hunks: [],
    });
    expect(byPath(files, "renamed.txt")).toMatchObject({ status: "renamed", oldPath: "a.txt" });
    expect(byPath(files, "bin.dat").binaryPatch).toEqual({
      forward: { method: "literal", size: 3, lines: ["Kc${NkWC8#H2LJ>B"] },
    });
    expect(byPath(files, "sub dir/ünï.txt")).toMatchObject({
      status: "added",
      oldPath: "sub dir/ünï.txt",
    });
    expect(byPath(files, "gone.txt").hunks[0]).toMatchObject({
      header: "@@ -1,1 +0,0 @@",
      oldStart: 1,
      newStart: 0,
    });
  });

  it("reads a plain diff -u with timestamps", () => {
    expect(parseUnifiedDiff(fixture("gnu-diff.diff"))).toEqual([
      {
        oldPath: "new.txt",
        newPath: "new.txt",
        status: "modified",
        binary: false,
        hunks: [
          {
            header: "@@ -1,3 +1,4 @@",
            oldStart: 1,
            oldLines: 3,
            newStart: 1,
            newLines: 4,
            lines: [
              { kind: "context", text: "one", oldLine: 1, newLine: 1 },
              { kind: "del", text: "two", oldLine: 2 },
              { kind: "add", text: "2", newLine: 2 },
              { kind: "context", text: "three", oldLine: 3, newLine: 3 },
              { kind: "add", text: "four", newLine: 4 },
            ],
          },
        ],
      },
    ]);
  });

  it("rejects what is not a diff, with the reason", () => {
    expect(parseError("").reason).toBe("the patch is empty");
    expect(parseError("Hello,\nplease merge my branch.\n").reason).toMatch(/^no file diff found/);
    expect(parseError("<!DOCTYPE html>\n<html>").reason).toMatch(/HTML/);
    expect(parseError("\0\x01binary").reason).toMatch(/binary data/);
  });

  it("rejects truncated and damaged patches, naming the line", () => {
    const diff = fixture("git-diff.diff").split("\n");
    const cut = parseError(diff.slice(0, 10).join("\n"));
    expect(cut.message).toBe(
      "line 10: hunk “@@ -1,7 +1,7 @@” of long.c is cut short: 3 old and 3 new lines are missing",
    );
    const extra = [...diff.slice(0, 13), "+  extra();", ...diff.slice(13)].join("\n");
    expect(parseError(extra).message).toBe(
      "line 14: long.c has a line after hunk “@@ -1,7 +1,7 @@” that its line counts leave out: “+  extra();”",
    );
    const badHeader = [...diff.slice(0, 4), "@@ -1,x +1 @@", ...diff.slice(5)].join("\n");
    expect(parseError(badHeader)).toMatchObject({
      line: 5,
      reason: "malformed hunk header “@@ -1,x +1 @@”",
    });
    const wrongLine = [...diff.slice(0, 6), "*{", ...diff.slice(7)].join("\n");
    expect(parseError(wrongLine)).toMatchObject({ line: 7 });
    expect(parseError("diff --git a/x b/x\n").reason).toBe(
      "“diff --git a/x b/x” is followed by no change",
    );
    expect(parseError("diff --git a/x b/x\n--- a/x\n+++ b/x\n").reason).toBe(
      "no hunk after the ---/+++ lines of x",
    );
    const binary = fixture("git-series.mbox").replace("KcmZQzWC8#H2LJ>B", "Kc~~");
    expect(parseError(binary).reason).toBe("corrupt GIT binary patch data for bin.dat");
  });

  it("refuses patches over the size limit before reading them", () => {
    const huge = `diff --git a/x b/x\n${"+".repeat(21 * 1024 * 1024)}`;
    expect(parseError(huge).reason).toBe("patch is 21 MB, more than the 20 MB Pubforge accepts");
  });
});
