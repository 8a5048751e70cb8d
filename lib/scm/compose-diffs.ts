/**
 * Composes file diffs made one after the other (the changesets of a series) into the diff from
 * the first state to the last, per file, as `git diff base tip` would show it, from the
 * patches alone. A patch carries only the lines around its changes, so each file is tracked as
 * a sparse text: lines whose text some hunk showed, and placeholders for lines no hunk showed,
 * each remembering which base line it is while it is unchanged. A series made by an SCM numbers
 * every hunk exactly against the state its predecessors left, so positions, not contents,
 * place each hunk; the contents are checked and, when they disagree (a hand-edited series),
 * that file is returned uncombined rather than guessed at.
 */
import { diffArrays } from "diff";
import { hunkHeader } from "./text-diff";
import type { FileDiff, Hunk, HunkLine } from "./types";

const CONTEXT_LINES = 3;
/** Cap on the Myers search that cancels a line removed then restored; past it, both show. */
const MAX_CANCEL_EDITS = 2_000;

/** A file of the composed diff, and which steps touched it. */
export interface ComposedFile extends FileDiff {
  /** Indices of the steps (e.g. changesets) whose diffs made this one. */
  readonly steps: readonly number[];
  /** Set when the steps' hunks did not line up, so this is one step's diff, not the composition. */
  readonly uncombined?: true;
}

/** One line of a tracked file; `text` is undefined while no hunk has shown it. */
interface Line {
  text: string | undefined;
  /** Whether the line ends with a newline (only the last line of a file may not). */
  eol: boolean;
  /** Its line number in the first state, while it is the unchanged original line. */
  readonly base: number | undefined;
}

/** A path followed through the steps: renames move it, `deleted` ends it. */
interface Track {
  readonly basePath: string;
  path: string;
  readonly existedAtBase: boolean;
  readonly copied: boolean;
  exists: boolean;
  lines: Line[];
  /** Base lines met so far, by number, shared with copies of the same base file. */
  readonly baseLines: Line[];
  /** Base lines from here on have not been met: they follow `lines` unchanged. */
  nextBase: number;
  /** Whether `lines` is the whole file (it was added, or emptied by a deletion). */
  whole: boolean;
  binary: boolean;
  aligned: boolean;
  readonly oldMode?: string;
  newMode?: string;
  readonly diffs: { step: number; diff: FileDiff }[];
}

class Unaligned extends Error {}

/**
 * The composition of `steps` (each a list of file diffs applied together, like a changeset),
 * one file per path changed from the first state to the last, sorted by path. A file that only
 * one step touched is that step's diff, unchanged.
 */
export function composeFileDiffs(steps: readonly (readonly FileDiff[])[]): ComposedFile[] {
  const tracks: Track[] = [];
  const live = new Map<string, Track>();
  const gone = new Map<string, Track>();
  steps.forEach((diffs, step) => {
    // As `git apply` does, every diff of a step reads the state before the step.
    const touched = diffs.map((diff) => {
      const track = trackFor(diff, live, gone, tracks);
      track.diffs.push({ step, diff });
      return track;
    });
    diffs.forEach((diff, i) => {
      const track = touched[i]!;
      if (diff.status === "deleted" || diff.status === "renamed") live.delete(diff.oldPath);
      if (track.aligned) {
        try {
          applyDiff(track, diff);
        } catch (error) {
          if (!(error instanceof Unaligned)) throw error;
          track.aligned = false;
        }
      }
    });
    diffs.forEach((diff, i) => {
      const track = touched[i]!;
      track.path = diff.newPath;
      track.exists = diff.status !== "deleted";
      if (diff.newMode) track.newMode = diff.newMode;
      if (track.exists) {
        live.set(diff.newPath, track);
        gone.delete(diff.newPath);
      } else gone.set(diff.oldPath, track);
    });
  });
  return tracks.flatMap(composedDiffs).sort((a, b) => compare(displayedPath(a), displayedPath(b)));
}

function trackFor(
  diff: FileDiff,
  live: Map<string, Track>,
  gone: Map<string, Track>,
  tracks: Track[],
): Track {
  const existing = diff.status === "added" ? gone.get(diff.newPath) : live.get(diff.oldPath);
  if (existing && diff.status !== "copied") return existing;
  const track: Track = {
    basePath: diff.oldPath,
    path: diff.oldPath,
    existedAtBase: diff.status !== "added",
    copied: diff.status === "copied",
    exists: diff.status !== "added",
    // A copy starts from its source as it is now, lines and knowledge of the base shared.
    lines: existing ? [...existing.lines] : [],
    baseLines: existing ? existing.baseLines : [],
    nextBase: existing ? existing.nextBase : 1,
    whole: existing ? existing.whole : diff.status === "added",
    binary: existing?.binary ?? false,
    aligned: existing?.aligned ?? true,
    oldMode: diff.status === "added" ? undefined : diff.oldMode,
    diffs: [],
  };
  tracks.push(track);
  return track;
}

/** Applies one diff's hunks to the track's lines, learning the text of the lines they show. */
function applyDiff(track: Track, diff: FileDiff) {
  if (diff.binary) {
    track.binary = true;
    return;
  }
  if (diff.status === "added" && (track.lines.length > 0 || !track.whole)) throw new Unaligned();
  // Hunk positions are in the state before the diff; `shift` is how far earlier hunks moved it.
  let shift = 0;
  for (const hunk of diff.hunks) {
    const at = (hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1) + shift;
    reach(track, at + hunk.oldLines);
    const replacement: Line[] = [];
    let read = at;
    hunk.lines.forEach((line, i) => {
      if (line.kind === "noeol") return;
      const eol = hunk.lines[i + 1]?.kind !== "noeol";
      if (line.kind === "add") {
        replacement.push({ text: line.text, eol, base: undefined });
        return;
      }
      const current = track.lines[read++]!;
      learn(current, line.text, eol);
      if (line.kind === "context") replacement.push(current);
    });
    track.lines.splice(at, read - at, ...replacement);
    shift += replacement.length - (read - at);
  }
  if (diff.status === "deleted") {
    if (track.lines.length > 0) throw new Unaligned();
    track.whole = true;
  }
}

/** Makes sure the first `count` lines are in `lines`, as placeholders for the unseen ones. */
function reach(track: Track, count: number) {
  if (track.lines.length >= count) return;
  if (track.whole) throw new Unaligned();
  while (track.lines.length < count) {
    const number = track.nextBase++;
    track.baseLines[number] ??= { text: undefined, eol: true, base: number };
    track.lines.push(track.baseLines[number]);
  }
}

function learn(line: Line, text: string, eol: boolean) {
  if (line.text === undefined) {
    line.text = text;
    line.eol = eol;
  } else if (line.text !== text || line.eol !== eol) throw new Unaligned();
}

function composedDiffs(track: Track): ComposedFile[] {
  if (track.diffs.length === 1 || !track.aligned) {
    return track.diffs.map(({ step, diff }) => ({
      ...diff,
      steps: [step],
      ...(track.diffs.length > 1 && { uncombined: true as const }),
    }));
  }
  if (!track.existedAtBase && !track.exists) return [];
  const oldPath = track.existedAtBase ? track.basePath : track.path;
  const newPath = track.exists ? track.path : track.basePath;
  const status = !track.existedAtBase
    ? "added"
    : !track.exists
      ? "deleted"
      : track.copied
        ? "copied"
        : oldPath !== newPath
          ? "renamed"
          : "modified";
  const hunks = track.binary ? [] : hunksOf(track);
  const oldMode = track.oldMode;
  const newMode = track.exists ? track.newMode : undefined;
  const unchanged = status === "modified" && !track.binary && hunks.length === 0;
  if (unchanged && (oldMode ?? newMode) === (newMode ?? oldMode)) return [];
  return [
    {
      oldPath,
      newPath,
      status,
      binary: track.binary,
      ...(oldMode && { oldMode }),
      ...(newMode && { newMode }),
      hunks,
      steps: track.diffs.map(({ step }) => step),
    },
  ];
}

/** One line of the composed diff, before it is cut into hunks. */
interface Op {
  readonly kind: "context" | "add" | "del";
  readonly line: Line;
  readonly oldLine?: number;
  readonly newLine?: number;
}

function hunksOf(track: Track): Hunk[] {
  return cutHunks(cancelRestored(opsOf(track)));
}

/** The lines of the first state against the last: kept base lines, removed ones, new ones. */
function opsOf(track: Track): Op[] {
  const ops: Op[] = [];
  let lastBase = 0;
  const removedUpTo = (end: number) => {
    for (let number = lastBase + 1; number < end; number++) {
      const line = track.baseLines[number];
      if (line) ops.push({ kind: "del", line, oldLine: number });
    }
  };
  const finalLines = track.exists ? track.lines : [];
  finalLines.forEach((line, index) => {
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

function displayedPath(file: FileDiff): string {
  return file.status === "deleted" ? file.oldPath : file.newPath;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
