import { isoDate } from "./dates";
import { PatchParseError } from "./errors";
import { parseIdentity } from "./identity";
import { clip, findLine, patchLines, skipBlankLines, trimBlankLines } from "./patch-text";
import type { Changeset, FileDiff, Series } from "./types";
import { isFileDiffStart, parseFileDiffs } from "./unified-diff";

/**
 * `hg export --git` text: per changeset a `# HG changeset patch` block of `# Key value`
 * lines, the description, then the diff. Several changesets are simply concatenated, the
 * next header right after the last hunk line (Libervia's merge requests are stored so).
 */

export const HG_PATCH_HEADER = "# HG changeset patch";
const NULL_ID = "0".repeat(40);

export function parseHgSeries(text: string): Series {
  return {
    kind: "hg",
    text,
    changesets: readPatches(patchLines(text)).map((patch) => patch.changeset),
  };
}

/** The text of each changeset's patch, to hand `hg import` one file per changeset. */
export function splitHgSeries(text: string): string[] {
  const lines = patchLines(text);
  return readPatches(lines).map(({ start, end }) => `${lines.slice(start, end).join("\n")}\n`);
}

interface Patch {
  changeset: Changeset;
  start: number;
  end: number;
}

function readPatches(lines: readonly string[]): Patch[] {
  let i = skipBlankLines(lines, 0);
  if (lines[i] !== HG_PATCH_HEADER) {
    throw new PatchParseError(
      `not hg export output: it must start with “${HG_PATCH_HEADER}”`,
      i + 1,
    );
  }
  const patches: Patch[] = [];
  while (i < lines.length) {
    const patch = readPatch(lines, i, patches.length + 1);
    patches.push(patch);
    i = skipBlankLines(lines, patch.end);
    if (i < lines.length && lines[i] !== HG_PATCH_HEADER) {
      throw new PatchParseError(
        `unexpected “${clip(lines[i]!)}” after the diff of changeset ${patches.length}`,
        i + 1,
      );
    }
  }
  return patches;
}

function readPatch(lines: readonly string[], start: number, number: number): Patch {
  const meta = new Map<string, string[]>();
  let i = start + 1;
  for (; i < lines.length && lines[i]!.startsWith("# "); i++) {
    const match = /^# (Node ID|[\w-]+)\s+(\S.*)$/.exec(lines[i]!);
    if (!match) continue; // the human-readable date line `#      Wed Nov 25 …`
    const values = meta.get(match[1]!) ?? [];
    // Pushed, not copied: a header of 100,000 `# Parent` lines must not cost their square.
    values.push(match[2]!.trim());
    meta.set(match[1]!, values);
  }
  const messageEnd = findLine(
    lines,
    i,
    (line, at) => isFileDiffStart(lines, at) || line === HG_PATCH_HEADER,
  );
  const message = trimBlankLines(lines.slice(i, messageEnd)).join("\n");
  let files: FileDiff[] = [];
  let end = messageEnd;
  if (isFileDiffStart(lines, messageEnd)) ({ files, end } = parseFileDiffs(lines, messageEnd));

  const required = (key: string): string => {
    const value = meta.get(key)?.[0];
    if (value === undefined) {
      throw new PatchParseError(`changeset ${number} has no “# ${key}” line`, start + 1);
    }
    return value;
  };
  const id = required("Node ID");
  const user = required("User");
  const date = /^(-?\d+)(?:\.\d+)? (-?\d+)$/.exec(required("Date"));
  if (!date)
    throw new PatchParseError(`changeset ${number} has a malformed “# Date” line`, start + 1);
  const changeset: Changeset = {
    id,
    parents: (meta.get("Parent") ?? []).filter((parent) => parent !== NULL_ID),
    author: parseIdentity(user),
    // Mercurial's offset is in seconds west of UTC.
    date: isoDate({ seconds: Number(date[1]), offsetMinutes: -Math.round(Number(date[2]) / 60) }),
    message,
    files,
  };
  return { changeset, start, end };
}
