import { ApplyConflictError } from "./errors";
import type { Hunk } from "./types";
import { clip } from "./patch-text";

/**
 * Applies hunks to a text the way `git apply` does by default: each hunk's old lines must
 * match exactly, though possibly shifted from where its header says (other changes above
 * it); no fuzz, since a forge must not guess. A hunk starting at line 1 must match at the
 * start, and one without trailing context at the end, so that it cannot land somewhere else.
 */
export function applyHunks(oldText: string, hunks: readonly Hunk[], file = ""): string {
  const lines = linesWithEnds(oldText);
  const out: string[] = [];
  let consumed = 0;
  // How far earlier hunks were found from where their headers put them.
  let offset = 0;
  hunks.forEach((hunk, index) => {
    const { before, after, trailingContext } = sides(hunk);
    const nominal = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    const expected = Math.max(0, nominal + offset);
    const at = findMatch(lines, before, expected, {
      from: consumed,
      atStart: hunk.oldStart <= 1,
      atEnd: trailingContext === 0,
    });
    if (at === undefined) {
      throw new ApplyConflictError(
        { file, hunk: { index: index + 1, header: hunk.header } },
        mismatch(lines, before, Math.min(expected, lines.length)),
      );
    }
    out.push(...lines.slice(consumed, at), ...after);
    consumed = at + before.length;
    offset = at - nominal;
  });
  out.push(...lines.slice(consumed));
  return out.join("");
}

/** Lines keeping their `\n`, so that a last line without one only matches a hunk saying so. */
function linesWithEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function sides(hunk: Hunk): { before: string[]; after: string[]; trailingContext: number } {
  const before: string[] = [];
  const after: string[] = [];
  let trailingContext = 0;
  hunk.lines.forEach((line, i) => {
    const end = hunk.lines[i + 1]?.kind === "noeol" ? "" : "\n";
    if (line.kind === "context" || line.kind === "del") before.push(line.text + end);
    if (line.kind === "context" || line.kind === "add") after.push(line.text + end);
    if (line.kind === "context") trailingContext++;
    else if (line.kind !== "noeol") trailingContext = 0;
  });
  return { before, after, trailingContext };
}

function findMatch(
  lines: readonly string[],
  wanted: readonly string[],
  expected: number,
  { from, atStart, atEnd }: { from: number; atStart: boolean; atEnd: boolean },
): number | undefined {
  const last = lines.length - wanted.length;
  const fits = (at: number) =>
    at >= from &&
    at <= last &&
    (!atStart || at === 0) &&
    (!atEnd || at === last) &&
    wanted.every((line, i) => lines[at + i] === line);
  for (let distance = 0; expected - distance >= from || expected + distance <= last; distance++) {
    if (fits(expected - distance)) return expected - distance;
    if (distance > 0 && fits(expected + distance)) return expected + distance;
  }
  return undefined;
}

function mismatch(lines: readonly string[], wanted: readonly string[], at: number): string {
  for (let i = 0; i < wanted.length; i++) {
    const found = lines[at + i];
    if (found === wanted[i]) continue;
    const line = at + i + 1;
    if (found === undefined) {
      return `the file has ${lines.length} lines, the patch expects line ${line} to be ${show(wanted[i]!)}`;
    }
    return `line ${line} is ${show(found)}, the patch expects ${show(wanted[i]!)}`;
  }
  return wanted.length === 0
    ? "the file is not empty"
    : "its lines are there, but not where the patch says (start or end of the file)";
}

function show(line: string): string {
  return line.endsWith("\n")
    ? `“${clip(line.slice(0, -1))}”`
    : `“${clip(line)}” without a final newline`;
}
