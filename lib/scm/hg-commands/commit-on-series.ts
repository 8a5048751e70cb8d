import { lstat, readFile, realpath, writeFile } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { ScmError } from "../errors";
import { textOf } from "../text-file";
import type { SeriesCommitInput } from "../types";
import { hg } from "./command";
import { exportSeries } from "./export-series";
import { importExact, importOntoTip, nodeOf, withScratch } from "./scratch";

/**
 * The revision imported in a scratch clone (its own changesets when the repository has their
 * parent, else onto the branch's tip, as a merge does), the edited files committed on top, and
 * the series exported from there. The clone is thrown away: the repository gains nothing.
 */
export async function commitOnSeries(dir: string, input: SeriesCommitInput): Promise<string> {
  return withScratch(dir, input.branch, input.series, async (scratch) => {
    const exact = await importExact(scratch);
    if (!exact) await importOntoTip(scratch, { commit: true });
    const base = exact ? scratch.changesets[0]!.parents[0]! : scratch.targetTip;
    const files = [];
    for (const path of input.paths) {
      const file = await fileInWorkingCopy(scratch.work, path);
      const text = input.rewrite(path, textOf(path, await readFile(file)));
      await writeFile(file, text);
      files.push(file);
    }
    const user = input.author.email
      ? `${input.author.name} <${input.author.email}>`
      : input.author.name;
    await hg(["commit", "-R", scratch.work, "-u", user, "-m", input.message, "--", ...files]);
    const head = await nodeOf(scratch.work, ".");
    if (!head) throw new ScmError("the new changeset cannot be found in the scratch clone");
    return exportSeries(scratch.work, { base, head, maxCommits: input.maxCommits });
  });
}

/**
 * The path of a file of the working copy. The name comes from a comment's anchor: anything
 * that would resolve elsewhere (`..`, a symbolic link on the way or at the end) is refused,
 * so the edit can only write inside the scratch clone.
 */
async function fileInWorkingCopy(work: string, path: string): Promise<string> {
  const root = await realpath(work);
  const full = resolve(root, path);
  const real = full.startsWith(root + sep)
    ? await realpath(full).catch(() => undefined)
    : undefined;
  const file = real === full && (await lstat(full)).isFile();
  if (!file || full.startsWith(resolve(root, ".hg") + sep)) {
    throw new ScmError(`${path} is not a file at the tip of the series`);
  }
  return full;
}
