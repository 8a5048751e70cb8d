import { readCappedDiff } from "../capped-diff";
import { UnknownRevisionError } from "../errors";
import type { CappedDiff, CommitDiff, ReadLimit } from "../types";
import { gitdirOf, gitRead } from "./cli";
import { EMPTY_TREE } from "./repo";
import { resolveIn } from "./resolve";

/** One commit and its diff against its first parent (`git diff-tree -p -M`). */
export async function commit(dir: string, rev: string, limit: ReadLimit): Promise<CommitDiff> {
  const gitdir = await gitdirOf(dir);
  const summary = await resolveIn(gitdir, rev);
  if (!summary) throw new UnknownRevisionError(rev);
  const diff = await diffTrees(gitdir, summary.parents[0] ?? EMPTY_TREE, summary.id, limit);
  return { commit: summary, ...diff };
}

/**
 * The diff between two commits or trees (ids already resolved), renames found, as text the
 * patch reader takes; binary files say only that they differ.
 */
export async function diffTrees(
  gitdir: string,
  from: string,
  to: string,
  { maxBytes }: ReadLimit,
): Promise<CappedDiff> {
  const { stdout, truncated } = await gitRead(
    gitdir,
    ["diff-tree", "-r", "-p", "-M", "--no-color", "--no-ext-diff", "--no-textconv", from, to],
    { maxBytes },
  );
  return readCappedDiff(stdout.toString("utf8"), truncated);
}
