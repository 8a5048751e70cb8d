import { hunkHeader } from "./text-diff";
import type { FileDiff, HunkLine } from "./types";

/**
 * The diff undoing `diff`: the way back from its new state to its old one. With it, the change
 * between two series' results is the composition of undoing the first and doing the second.
 */
export function reverseFileDiff(diff: FileDiff): FileDiff {
  // Undoing a copy deletes the copy; the source was never touched.
  const status =
    diff.status === "added" || diff.status === "copied"
      ? "deleted"
      : diff.status === "deleted"
        ? "added"
        : diff.status;
  const swapped: Record<HunkLine["kind"], HunkLine["kind"]> = {
    add: "del",
    del: "add",
    context: "context",
    noeol: "noeol",
  };
  return {
    oldPath: diff.newPath,
    newPath: diff.status === "copied" ? diff.newPath : diff.oldPath,
    status,
    binary: diff.binary,
    ...(diff.newMode && { oldMode: diff.newMode }),
    ...(diff.oldMode && { newMode: diff.oldMode }),
    hunks: diff.hunks.map((hunk) => {
      const range = {
        oldStart: hunk.newStart,
        oldLines: hunk.newLines,
        newStart: hunk.oldStart,
        newLines: hunk.oldLines,
      };
      return {
        header: hunkHeader(range),
        ...range,
        lines: reverseLines(hunk.lines, swapped),
      };
    }),
  };
}

/** Swaps the kinds and numbers, and puts each run's additions (ex-removals) after its removals. */
function reverseLines(
  lines: readonly HunkLine[],
  swapped: Record<HunkLine["kind"], HunkLine["kind"]>,
): HunkLine[] {
  const out: HunkLine[] = [];
  let removed: HunkLine[] = [];
  let added: HunkLine[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    [removed, added] = [[], []];
  };
  let previous: HunkLine[] = out;
  for (const line of lines) {
    if (line.kind === "noeol") {
      previous.push(line);
      continue;
    }
    const kind = swapped[line.kind];
    const turned: HunkLine = {
      kind,
      text: line.text,
      ...(line.newLine !== undefined && { oldLine: line.newLine }),
      ...(line.oldLine !== undefined && { newLine: line.oldLine }),
    };
    if (kind === "del") previous = removed;
    else if (kind === "add") previous = added;
    else {
      flush();
      previous = out;
    }
    previous.push(turned);
  }
  flush();
  return out;
}
