import { parseSeries } from "./detect-series";
import { PatchParseError } from "./errors";
import type { FileDiff } from "./types";

export interface LineCounts {
  readonly added: number;
  readonly removed: number;
}

/**
 * Lines a series adds and removes, over all its changesets, as its diffs show them. A patch
 * that is not a series Pubforge can read (another client's, or truncated) counts nothing.
 */
export function seriesLineCounts(patch: string): LineCounts {
  try {
    return sumLineCounts(parseSeries(patch).changesets.flatMap((c) => c.files.map(fileLineCounts)));
  } catch (error) {
    if (!(error instanceof PatchParseError)) throw error;
    return { added: 0, removed: 0 };
  }
}

/** Lines one file's diff adds and removes. */
export function fileLineCounts(file: Pick<FileDiff, "hunks">): LineCounts {
  let added = 0;
  let removed = 0;
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      if (line.kind === "add") added++;
      else if (line.kind === "del") removed++;
    }
  }
  return { added, removed };
}

export function sumLineCounts(counts: readonly LineCounts[]): LineCounts {
  return counts.reduce(
    (sum, c) => ({ added: sum.added + c.added, removed: sum.removed + c.removed }),
    { added: 0, removed: 0 },
  );
}
