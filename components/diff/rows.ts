/**
 * Pure layout of a diff: the rows each view mode shows, and the counts and defaults the file
 * headers use. Kept apart from the components so it can be tested without rendering.
 */
import { fileLineCounts, sumLineCounts, type LineCounts } from "@/lib/scm/line-counts";
import type { FileDiff, Hunk, HunkLine } from "@/lib/scm/types";

/** What DiffView shows: a parsed file diff, optionally with a few presentation overrides. */
export interface ViewFile extends FileDiff {
  /** Replaces the status badge text (e.g. "change dropped from the series" in an interdiff). */
  readonly badge?: string;
  /** highlight.js language; `null` for plain text; by default picked from the path. */
  readonly language?: string | null;
}

/** A code line of a hunk. `noeol` markers are folded into the line they follow. */
export interface LineRow {
  readonly line: HunkLine;
  /** Index in `hunk.lines`, to find the line's highlighted HTML. */
  readonly index: number;
  /** The `\ No newline at end of file` text when this line has no final newline. */
  readonly noeol?: string;
}

/** A split-view row: the old side on the left, the new side on the right. */
export interface SplitRow {
  readonly left?: LineRow;
  readonly right?: LineRow;
}

export function unifiedRows(hunk: Hunk): LineRow[] {
  const rows: { line: HunkLine; index: number; noeol?: string }[] = [];
  hunk.lines.forEach((line, index) => {
    if (line.kind !== "noeol") rows.push({ line, index });
    else if (rows.length > 0) rows[rows.length - 1]!.noeol = line.text;
  });
  return rows;
}

/**
 * Pairs each run of deletions with the run of additions next to it, line by line, so a changed
 * line sits beside its replacement; the longer run's rest faces an empty side. Context lines
 * appear on both sides (the same `LineRow`, so a `noeol` on it shows on both).
 */
export function pairSplitRows(hunk: Hunk): SplitRow[] {
  const rows: SplitRow[] = [];
  let deleted: LineRow[] = [];
  let added: LineRow[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(deleted.length, added.length); i++) {
      rows.push({ left: deleted[i], right: added[i] });
    }
    deleted = [];
    added = [];
  };
  for (const row of unifiedRows(hunk)) {
    if (row.line.kind === "del") deleted.push(row);
    else if (row.line.kind === "add") added.push(row);
    else {
      flush();
      rows.push({ left: row, right: row });
    }
  }
  flush();
  return rows;
}

export function totalStats(files: readonly FileDiff[]): LineCounts {
  return sumLineCounts(files.map(fileLineCounts));
}

/** Above this many changed lines a file starts collapsed: it would bury the files after it. */
export const COLLAPSE_CHANGED_LINES = 400;

/** Why a file starts collapsed, or `undefined` when it starts open. */
export function collapseReason(file: ViewFile): string | undefined {
  if (file.binary) return "Binary file";
  if (file.status === "deleted") return file.badge ? sentence(file.badge) : "File deleted";
  const { added, removed } = fileLineCounts(file);
  if (added + removed > COLLAPSE_CHANGED_LINES) {
    return `Large diff: ${added + removed} changed lines`;
  }
  return undefined;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The path a file is known by in headers and links. */
export function displayPath(file: FileDiff): string {
  return file.status === "deleted" ? file.oldPath : file.newPath;
}
