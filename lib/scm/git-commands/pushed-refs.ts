import git from "isomorphic-git";
import { ScmError } from "../errors";
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
