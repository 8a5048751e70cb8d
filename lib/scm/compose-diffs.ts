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
import { hunksOf, type Line } from "./compose-hunks";
import type { FileDiff } from "./types";

/** A file of the composed diff, and which steps touched it. */
export interface ComposedFile extends FileDiff {
  /** Indices of the steps (e.g. changesets) whose diffs made this one. */
  readonly steps: readonly number[];
  /** Set when the steps' hunks did not line up, so this is one step's diff, not the composition. */
  readonly uncombined?: true;
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
  const hunks = track.binary ? [] : hunksOf({ ...track, lines: track.exists ? track.lines : [] });
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

function displayedPath(file: FileDiff): string {
  return file.status === "deleted" ? file.oldPath : file.newPath;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
