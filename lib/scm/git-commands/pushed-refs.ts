import git from "isomorphic-git";
import { ScmError } from "../errors";
import { gitdirOf, gitText } from "./cli";
import { branchRef, openRepo } from "./repo";

/** The commit a branch points at, or undefined when there is no such branch (or name). */
export async function branchTip(dir: string, branch: string): Promise<string | undefined> {
  let ref: string;
  try {
    ref = branchRef(branch);
  } catch {
    return undefined;
  }
  const repo = await openRepo(dir);
  try {
    return await git.resolveRef({ ...repo, ref });
  } catch {
    return undefined;
  }
}

/**
 * Points `ref` (one of Pubforge's own, under refs/pubforge/) at a commit a push brought, so
 * that the commits stay in the repository after the push: Git would otherwise collect them.
 */
export async function keepCommit(dir: string, ref: string, oid: string): Promise<void> {
  if (!ref.startsWith("refs/pubforge/")) throw new ScmError(`${ref} is not Pubforge's to write`);
  const repo = await openRepo(dir);
  await git.writeRef({ ...repo, ref, value: oid, force: true });
}

/**
 * How many commits `head` has that `base` lacks, counted up to `max + 1` only: a push may
 * bring any history, and turning all of it into patches would cost without bound.
 */
export async function countNewCommits(
  dir: string,
  base: string,
  head: string,
  max: number,
): Promise<number> {
  const gitdir = await gitdirOf(dir);
  const count = await gitText(gitdir, [
    "rev-list",
    "--count",
    `--max-count=${max + 1}`,
    "--end-of-options",
    head,
    `^${base}`,
  ]);
  return Number.parseInt(count.trim(), 10);
}
