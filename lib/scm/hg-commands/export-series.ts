import { resolve } from "node:path";
import { ScmError } from "../errors";
import { parseHgSeries } from "../hg-series";
import { type SeriesRange, tooManyCommits } from "../types";
import { hg, HgCommandError, revsetString } from "./command";

/** `hg export --git` of the changesets of `head` that `base` lacks, oldest first. */
export async function exportSeries(dir: string, range: SeriesRange): Promise<string> {
  const { base, head } = range;
  const only = `only(${revsetString(head)}, ${revsetString(base)})`;
  const revset = `sort(${only}, rev)`;
  let text: string;
  try {
    // One character per changeset, counted only as far as one past the cap.
    const counted = await hg([
      "log",
      "-R",
      resolve(dir),
      "-r",
      `limit(${only}, ${range.maxCommits + 1})`,
      "-T",
      ".",
    ]);
    if (counted.length > range.maxCommits) throw new ScmError(tooManyCommits(range));
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
