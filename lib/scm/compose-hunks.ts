/**
 * The hunks of a composed diff (see compose-diffs.ts): a tracked file's last lines against its
 * first ones, as `git diff base tip` would cut them, with no line in them that no patch showed.
 */
import { diffArrays } from "diff";
import { hunkHeader } from "./text-diff";
import type { Hunk, HunkLine } from "./types";

const CONTEXT_LINES = 3;
/** Cap on the Myers search that cancels a line removed then restored; past it, both show. */
const MAX_CANCEL_EDITS = 2_000;

/** One line of a tracked file; `text` is undefined while no hunk has shown it. */
export interface Line {
  text: string | undefined;
  /** Whether the line ends with a newline (only the last line of a file may not). */
  eol: boolean;
  /** Its line number in the first state, while it is the unchanged original line. */
  readonly base: number | undefined;
}

/** One line of the composed diff, before it is cut into hunks. */
interface Op {
  readonly kind: "context" | "add" | "del";
  readonly line: Line;
  readonly oldLine?: number;
  readonly newLine?: number;
}

/** What the hunks are cut from: a file's lines at the end, and its base lines met on the way. */
export interface TrackedLines {
  /** The last state's lines; empty when the file no longer exists. */
  readonly lines: readonly Line[];
  /** Base lines met, by number; those missing from `lines` were removed. */
  readonly baseLines: readonly (Line | undefined)[];
  /** The first base line never met: it and those after it are unchanged, after `lines`. */
  readonly nextBase: number;
}

/** The hunks from the first state of a tracked file to its last. */
export function hunksOf(track: TrackedLines): Hunk[] {
  return cutHunks(cancelRestored(opsOf(track)));
}

/** The lines of the first state against the last: kept base lines, removed ones, new ones. */
function opsOf(track: TrackedLines): Op[] {
  const ops: Op[] = [];
  let lastBase = 0;
  const removedUpTo = (end: number) => {
    for (let number = lastBase + 1; number < end; number++) {
      const line = track.baseLines[number];
      if (line) ops.push({ kind: "del", line, oldLine: number });
    }
  };
  track.lines.forEach((line, index) => {
    if (line.base === undefined) {
      ops.push({ kind: "add", line, newLine: index + 1 });
      return;
    }
    removedUpTo(line.base);
    lastBase = line.base;
    ops.push({ kind: "context", line, oldLine: line.base, newLine: index + 1 });
  });
  removedUpTo(track.nextBase);
  return ops;
}

/**
 * Between two kept lines, removals first, then additions, and a line one step removed and a
 * later one restored as it was is no change at all (as `git diff base tip` would see it).
 */
function cancelRestored(ops: Op[]): Op[] {
  const out: Op[] = [];
  let removed: Op[] = [];
  let added: Op[] = [];
  const flush = () => {
    if (removed.length > 0 && added.length > 0) {
      const parts = diffArrays(removed, added, {
        comparator: (a, b) => a.line.text === b.line.text && a.line.eol === b.line.eol,
        maxEditLength: MAX_CANCEL_EDITS,
      });
      if (parts) {
        let [r, a] = [0, 0];
        for (const part of parts) {
          for (let k = 0; k < part.count; k++) {
            if (part.removed) out.push(removed[r++]!);
            else if (part.added) out.push(added[a++]!);
            else {
              const [was, now] = [removed[r++]!, added[a++]!];
              out.push({
                kind: "context",
                line: now.line,
                oldLine: was.oldLine,
                newLine: now.newLine,
              });
            }
          }
        }
        removed = [];
        added = [];
        return;
      }
    }
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const op of ops) {
    if (op.kind === "del") removed.push(op);
    else if (op.kind === "add") added.push(op);
    else {
      flush();
      out.push(op);
    }
  }
  flush();
  return out;
}

/** Cuts the lines into hunks with up to three lines of context, never an unseen line. */
function cutHunks(ops: readonly Op[]): Hunk[] {
  const shown = new Uint8Array(ops.length);
  ops.forEach((op, i) => {
    if (op.kind === "context") return;
    shown[i] = 1;
    for (const step of [-1, 1]) {
      for (let k = 1; k <= CONTEXT_LINES; k++) {
        const near = ops[i + step * k];
        if (!near || near.kind !== "context" || near.line.text === undefined) break;
        shown[i + step * k] = 1;
      }
    }
  });
  const hunks: Hunk[] = [];
  let [lastOld, lastNew] = [0, 0];
  for (let i = 0; i < ops.length;) {
    if (!shown[i]) {
      [lastOld, lastNew] = advance(ops[i++]!, lastOld, lastNew);
      continue;
    }
    const [oldBefore, newBefore] = [lastOld, lastNew];
    const lines: HunkLine[] = [];
    let [oldLines, newLines] = [0, 0];
    for (; i < ops.length && shown[i]; i++) {
      const op = ops[i]!;
      [lastOld, lastNew] = advance(op, lastOld, lastNew);
      if (op.kind !== "add") oldLines++;
      if (op.kind !== "del") newLines++;
      lines.push({
        kind: op.kind,
        text: op.line.text ?? "",
        ...(op.kind !== "add" && { oldLine: op.oldLine }),
        ...(op.kind !== "del" && { newLine: op.newLine }),
      });
      if (!op.line.eol) lines.push({ kind: "noeol", text: "No newline at end of file" });
    }
    const range = {
      oldStart: oldLines === 0 ? oldBefore : oldBefore + 1,
      oldLines,
      newStart: newLines === 0 ? newBefore : newBefore + 1,
      newLines,
    };
    hunks.push({ header: hunkHeader(range), ...range, lines });
  }
  return hunks;
}

/** The last old and new line numbers once `op` is passed. */
function advance(op: Op, lastOld: number, lastNew: number): [number, number] {
  return [op.oldLine ?? lastOld, op.newLine ?? lastNew];
}
