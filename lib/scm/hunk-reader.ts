import { PatchParseError } from "./errors";
import { clip } from "./patch-text";
import type { Hunk, HunkLine } from "./types";

// The hunks of one file diff. A hunk ends where its header's line counts say, and nowhere else:
// they are checked line by line, so a damaged or hand-edited hunk is refused, not misread.

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?: (.*))?$/;

/** The hunks that start at `start`, and the first line after them. */
export function parseHunks(
  lines: readonly string[],
  start: number,
  file: string,
): { hunks: Hunk[]; end: number } {
  const hunks: Hunk[] = [];
  let i = start;
  while ((lines[i] ?? "").startsWith("@@")) {
    const parsed = parseHunk(lines, i, file);
    hunks.push(parsed.hunk);
    i = parsed.end;
  }
  return { hunks, end: i };
}

function parseHunk(
  lines: readonly string[],
  start: number,
  file: string,
): { hunk: Hunk; end: number } {
  const header = lines[start]!;
  if (header.startsWith("@@@")) {
    throw new PatchParseError(
      `${file} has a combined (merge) diff, which cannot be applied`,
      start + 1,
    );
  }
  const match = HUNK_HEADER.exec(header);
  if (!match) throw new PatchParseError(`malformed hunk header “${clip(header)}”`, start + 1);
  const oldStart = Number(match[1]);
  const oldLines = match[2] === undefined ? 1 : Number(match[2]);
  const newStart = Number(match[3]);
  const newLines = match[4] === undefined ? 1 : Number(match[4]);
  let [oldLeft, newLeft, oldLine, newLine] = [oldLines, newLines, oldStart, newStart];
  const out: HunkLine[] = [];
  let i = start + 1;
  const fail = (reason: string, at: number): never => {
    throw new PatchParseError(`hunk “${header}” of ${file} ${reason}`, at + 1);
  };
  while (oldLeft > 0 || newLeft > 0) {
    if (i >= lines.length) {
      fail(`is cut short: ${oldLeft} old and ${newLeft} new lines are missing`, lines.length - 1);
    }
    const line = lines[i]!;
    const kind = line === "" ? " " : line[0];
    if (kind === " ") {
      if (oldLeft === 0 || newLeft === 0) fail("has more context lines than its header says", i);
      out.push({ kind: "context", text: line.slice(1), oldLine: oldLine++, newLine: newLine++ });
      oldLeft--;
      newLeft--;
    } else if (kind === "-") {
      if (oldLeft === 0) fail("has more removed lines than its header says", i);
      out.push({ kind: "del", text: line.slice(1), oldLine: oldLine++ });
      oldLeft--;
    } else if (kind === "+") {
      if (newLeft === 0) fail("has more added lines than its header says", i);
      out.push({ kind: "add", text: line.slice(1), newLine: newLine++ });
      newLeft--;
    } else if (kind === "\\" && out.length > 0) {
      out.push({ kind: "noeol", text: line.slice(2) });
    } else {
      fail(`still needs ${oldLeft} old and ${newLeft} new lines, not “${clip(line)}”`, i);
    }
    i++;
  }
  if ((lines[i] ?? "").startsWith("\\") && out.length > 0) {
    out.push({ kind: "noeol", text: lines[i]!.slice(2) });
    i++;
  }
  const hunk: Hunk = {
    header,
    oldStart,
    oldLines,
    newStart,
    newLines,
    ...(match[5] !== undefined && match[5] !== "" && { section: match[5] }),
    lines: out,
  };
  return { hunk, end: i };
}
