import { structuredPatch, type StructuredPatchHunk } from "diff";
import type { Hunk, HunkLine } from "./types";

const CONTEXT_LINES = 3;
// Myers' diff slows down quadratically with the number of edits; past this many a
// whole-file replacement is the better answer, and still a correct patch.
const MAX_EDIT_LENGTH = 10_000;

/** The hunks turning one text into another, as `git diff` would write them. */
export function diffTexts(oldText: string, newText: string): Hunk[] {
  if (oldText === newText) return [];
  const patch = structuredPatch("", "", oldText, newText, "", "", {
    context: CONTEXT_LINES,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  const hunks = patch ? patch.hunks : [replacement(oldText, newText)];
  const oldLines = oldText.split("\n");
  return hunks.map((hunk) => toHunk(hunk, oldLines));
}

function replacement(oldText: string, newText: string): StructuredPatchHunk {
  const side = (text: string, sign: string): string[] => {
    if (text === "") return [];
    const lines = text.split("\n");
    const eol = lines.at(-1) === "";
    if (eol) lines.pop();
    const out = lines.map((line) => sign + line);
    return eol ? out : [...out, "\\ No newline at end of file"];
  };
  const removed = side(oldText, "-");
  const added = side(newText, "+");
  const count = (lines: string[]) => lines.filter((line) => !line.startsWith("\\")).length;
  return {
    oldStart: 1,
    oldLines: count(removed),
    newStart: 1,
    newLines: count(added),
    lines: [...removed, ...added],
  };
}

function toHunk(raw: StructuredPatchHunk, oldFile: readonly string[]): Hunk {
  // jsdiff numbers an empty side from the line after it; unified diffs, from the line before.
  const oldStart = raw.oldLines === 0 ? raw.oldStart - 1 : raw.oldStart;
  const newStart = raw.newLines === 0 ? raw.newStart - 1 : raw.newStart;
  let [oldLine, newLine] = [raw.oldStart, raw.newStart];
  const lines: HunkLine[] = raw.lines.map((line): HunkLine => {
    const text = line.slice(1);
    if (line[0] === "+") return { kind: "add", text, newLine: newLine++ };
    if (line[0] === "-") return { kind: "del", text, oldLine: oldLine++ };
    if (line[0] === "\\") return { kind: "noeol", text: line.slice(2) };
    return { kind: "context", text, oldLine: oldLine++, newLine: newLine++ };
  });
  const section = functionContext(oldFile, raw.oldStart - 1);
  const header = hunkHeader({
    oldStart,
    oldLines: raw.oldLines,
    newStart,
    newLines: raw.newLines,
    section,
  });
  return {
    header,
    oldStart,
    oldLines: raw.oldLines,
    newStart,
    newLines: raw.newLines,
    ...(section !== undefined && { section }),
    lines,
  };
}

/** Git's default funcname rule: the nearest line above the hunk that starts with a letter, `_` or `$`. */
function functionContext(oldFile: readonly string[], firstLine: number): string | undefined {
  for (let i = firstLine - 1; i >= 0; i--) {
    const line = oldFile[i]!;
    if (/^[A-Za-z_$]/.test(line)) return line.slice(0, 80).trimEnd();
  }
  return undefined;
}

export function hunkHeader(hunk: {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  section?: string;
}): string {
  const range = (start: number, count: number) => (count === 1 ? `${start}` : `${start},${count}`);
  const section = hunk.section ? ` ${hunk.section}` : "";
  return `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@${section}`;
}
