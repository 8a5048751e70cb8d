import { resolve } from "node:path";
import { ScmError } from "../errors";
import { parseHgSeries } from "../hg-series";
import type { SeriesRange } from "../types";
import { hg, HgCommandError, revsetString } from "./command";

/** `hg export --git` of the changesets of `head` that `base` lacks, oldest first. */
export async function exportSeries(dir: string, { base, head }: SeriesRange): Promise<string> {
  const revset = `sort(only(${revsetString(head)}, ${revsetString(base)}), rev)`;
  let text: string;
  try {
    text = await hg(["export", "-R", resolve(dir), "--git", "-r", revset]);
  } catch (error) {
    if (
      error instanceof HgCommandError &&
      error.stderr.includes("export requires at least one changeset")
    ) {
      throw new ScmError(`“${head}” has no changesets that “${base}” lacks`, { cause: error });
    }
    throw error;
  }
  // hg export writes a merge as its diff against the first parent, which would import as
  // a plain changeset: refuse rather than flatten history silently.
  const merge = parseHgSeries(text).changesets.find((changeset) => changeset.parents.length > 1);
  if (merge) {
    throw new ScmError(
      `${merge.id.slice(0, 12)} is a merge, which a patch series cannot carry; rebase the branch`,
    );
  }
  return text;
}
