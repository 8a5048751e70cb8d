import { MergeConflictError, NotFastForwardError, ScmError } from "../errors";
import type { MergeInput, MergeOutcome, MergeStrategy } from "../types";
import { writeSeriesOnto } from "./apply-series";
import { commitTree } from "./commit-tree";
import { isAncestor } from "./is-ancestor";
import { mergeTree } from "./merge-tree";
import { branchRef } from "./repo";
import { revisionCommits } from "./revision-commits";
import { updateRef } from "./update-ref";

/**
 * Lands a revision on its branch: the new commits are written first, then the branch moves
 * from the tip they were built on to the new one with a compare-and-swap, so a push that
 * moved it meanwhile is kept and the merge refused (TargetMovedError).
 */
export async function merge(
  dir: string,
  input: MergeInput,
  strategy: MergeStrategy,
): Promise<MergeOutcome> {
  const { repo, targetTip, head, commits, changesets } = await revisionCommits(dir, input);
  const { gitdir } = repo;
  if (await isAncestor(gitdir, head, targetTip)) {
    throw new ScmError(`branch “${input.branch}” already has this revision's commits`);
  }
  const now = { date: new Date().toISOString() };
  const mergedTree = async () => {
    const { tree, conflicts } = await mergeTree(gitdir, targetTip, head);
    if (conflicts.length > 0) throw new MergeConflictError(conflicts);
    return tree;
  };
  let revisions: string[];
  switch (strategy) {
    case "fast-forward":
      if (!(await isAncestor(gitdir, targetTip, head))) throw new NotFastForwardError(input.branch);
      revisions = [...commits];
      break;
    case "merge": {
      const merger = { ...input.merger, ...now };
      const parents = [targetTip, head];
      const message = input.mergeMessage;
      const tree = await mergedTree();
      revisions = [
        await commitTree(gitdir, { tree, parents, message, author: merger, committer: merger }),
      ];
      break;
    }
    case "squash": {
      const first = changesets[0]?.author ?? input.merger;
      revisions = [
        await commitTree(gitdir, {
          tree: await mergedTree(),
          parents: [targetTip],
          message: input.squashMessage,
          author: { ...first, ...now },
          committer: { ...input.merger, ...now },
        }),
      ];
      break;
    }
    case "rebase":
      revisions = await writeSeriesOnto(repo, targetTip, changesets);
      break;
  }
  const ref = branchRef(input.branch);
  await updateRef(gitdir, ref, revisions.at(-1) ?? targetTip, targetTip, input.branch);
  return { revisions };
}
