import { parseSeries } from "./detect-series";
import { PatchParseError } from "./errors";

export interface LineCounts {
  readonly added: number;
  readonly removed: number;
}

/**
 * Lines a series adds and removes, over all its changesets, as its diffs show them. A patch
 * that is not a series Pubforge can read (another client's, or truncated) counts nothing.
 */
export function seriesLineCounts(patch: string): LineCounts {
  let added = 0;
  let removed = 0;
  try {
    for (const changeset of parseSeries(patch).changesets) {
      for (const file of changeset.files) {
        for (const hunk of file.hunks) {
          for (const line of hunk.lines) {
            if (line.kind === "add") added++;
            else if (line.kind === "del") removed++;
          }
        }
      }
    }
  } catch (error) {
    if (!(error instanceof PatchParseError)) throw error;
  }
  return { added, removed };
}
