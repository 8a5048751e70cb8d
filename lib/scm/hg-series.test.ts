import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeMergeRequest } from "@/lib/forge/merge-requests/codec";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { PatchParseError } from "./errors";
import { parseHgSeries, splitHgSeries } from "./hg-series";

const exported = readFileSync(new URL("./__fixtures__/hg-series.patch", import.meta.url), "utf8");

function liberviaPatch(): string {
  const decoded = decodeMergeRequest(liberviaFixture("mr_item_raw.xml"));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.mergeRequest.patch;
}

function reason(text: string): string {
  try {
    parseHgSeries(text);
  } catch (error) {
    if (error instanceof PatchParseError) return error.message;
    throw error;
  }
  throw new Error("expected a PatchParseError");
}

describe("parseHgSeries", () => {
  it("reads hg export --git output into changesets", () => {
    const series = parseHgSeries(exported);
    expect(series.kind).toBe("hg");
    const [first, second] = series.changesets;
    expect(first).toMatchObject({
      id: "f6f479c39dca18798a17a5ba3477d0369466f8cc",
      parents: ["b43c5e71d57235efcc80bd9c8d0bd0f413e1efe4"],
      author: { name: "Zoë Ünïcode", email: "zoe@forge.test" },
      date: "2026-01-01T10:00:00+01:00",
      message: "Rename, add, delete\n\nBody paragraph.",
    });
    expect(first!.files.map((file) => [file.status, file.newPath])).toEqual([
      ["added", "bin.dat"],
      ["deleted", "gone.txt"],
      ["modified", "long.c"],
      ["added", "new.txt"],
      ["added", "noeol.txt"],
      ["renamed", "renamed.txt"],
    ]);
    expect(second).toMatchObject({
      id: "b5b02fa28aca32d91f234c05f3ae2cc8349da34f",
      parents: [first!.id],
      author: { name: "Bob", email: "bob@forge.test" },
      date: "2026-01-02T08:30:00-07:00",
      message: "Mode change, no-eol edit, a copy",
    });
    expect(second!.files.map((file) => [file.status, file.oldPath, file.newPath])).toEqual([
      ["copied", "long.c", "copy.c"],
      ["modified", "new.txt", "new.txt"],
      ["modified", "noeol.txt", "noeol.txt"],
      ["added", "sub dir/ünï.txt", "sub dir/ünï.txt"],
    ]);
  });

  it("reads Libervia's Mercurial merge request, changesets stored back to back", () => {
    const [first, second, ...rest] = parseHgSeries(liberviaPatch()).changesets;
    expect(rest).toEqual([]);
    expect(first).toEqual({
      id: "4aa7fca4b7a2fee21b03492474a247b076be07a4",
      parents: [],
      author: { name: "Alice", email: "alice@forge.test" },
      date: "2026-11-25T14:54:35Z",
      message: "Add parser module",
      files: [
        {
          oldPath: "parser.py",
          newPath: "parser.py",
          status: "added",
          binary: false,
          newMode: "100644",
          hunks: [
            {
              header: "@@ -0,0 +1,2 @@",
              oldStart: 0,
              oldLines: 0,
              newStart: 1,
              newLines: 2,
              lines: [
                { kind: "add", text: "def parse(s):", newLine: 1 },
                { kind: "add", text: "    return s.split()", newLine: 2 },
              ],
            },
          ],
        },
      ],
    });
    expect(second).toMatchObject({
      id: "3dfb8422521872b67bb82832406d7159b2a5911d",
      parents: [first!.id],
      date: "2026-11-25T14:54:36Z",
      message: "Fix crash on empty input\n\nReturn an empty list instead of crashing.",
    });
    expect(second!.files[0]!.hunks[0]!.lines).toEqual([
      { kind: "context", text: "def parse(s):", oldLine: 1, newLine: 1 },
      { kind: "add", text: "    if not s:", newLine: 2 },
      { kind: "add", text: "        return []", newLine: 3 },
      { kind: "context", text: "    return s.split()", oldLine: 2, newLine: 4 },
    ]);
  });

  it("splits a series into one patch per changeset", () => {
    const parts = splitHgSeries(liberviaPatch());
    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.startsWith("# HG changeset patch\n"))).toBe(true);
    expect(parts.join("")).toBe(liberviaPatch());
  });

  it("rejects text it cannot read, with the reason", () => {
    expect(reason("diff --git a/x b/x\n")).toMatch(/^line 1: not hg export output/);
    expect(reason(exported.replace(/^# Node ID .*\n/m, ""))).toBe(
      "line 1: changeset 1 has no “# Node ID” line",
    );
    expect(reason(`${liberviaPatch()}Thanks!\n`)).toBe(
      "line 34: unexpected “Thanks!” after the diff of changeset 2",
    );
    expect(reason(liberviaPatch().replace("@@ -1,2 +1,4 @@", "@@ -1,2 +1,5 @@"))).toMatch(
      /hunk “@@ -1,2 \+1,5 @@” of parser.py is cut short/,
    );
  });
});
