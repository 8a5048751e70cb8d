import git from "isomorphic-git";
import type { FileChanges } from "../apply-changeset";
import { parseSeries } from "../detect-series";
import { ScmError, SourceMovedError, TargetMovedError } from "../errors";
import { textOf } from "../text-file";
import type { SeriesCommitInput } from "../types";
import { fileInTree } from "./apply-series";
import { exportSeries } from "./export-series";
import { branchRef, openRepo, readSummary } from "./repo";
import { commitOf } from "./rev-parse";
import { revisionCommits, type RevisionCommits } from "./revision-commits";
import { updateRef } from "./update-ref";
import { writeTreeWith } from "./tree-write";

/** Only regular files are edited: a link's "text" is its target, a submodule's a commit id. */
const REGULAR = new Set(["100644", "100755"]);

/**
 * The revision's commits (as a merge finds or makes them, or the source branch's own), one
 * commit on top with the edited files, and the series from the revision's base to it. Objects
 * only until the series is exported: an edit that throws leaves nothing anyone sees; then the
 * source branch, if any, moves by compare-and-swap.
 */
export async function commitOnSeries(dir: string, input: SeriesCommitInput): Promise<string> {
  const { repo, targetTip, head } = input.sourceBranch
    ? await sourceBranchCommits(dir, input, input.sourceBranch)
    : await revisionCommits(dir, input);
  const { tree } = await readSummary(repo, head);
  const changes: FileChanges = new Map();
  for (const path of input.paths) {
    const file = await fileInTree(repo, tree, path);
    if (!file || !REGULAR.has(file.mode)) {
      throw new ScmError(`${path} is not a file at the tip of the series`);
    }
    const text = input.rewrite(path, textOf(path, file.data));
    changes.set(path, { mode: file.mode, data: new TextEncoder().encode(text) });
  }
  const signature = {
    name: input.author.name,
    email: input.author.email,
    timestamp: Math.floor(Date.now() / 1000),
    timezoneOffset: 0,
  };
  const commit = await git.writeCommit({
    ...repo,
    commit: {
      message: `${input.message}\n`,
      tree: await writeTreeWith(repo, tree, changes),
      parent: [head],
      author: signature,
      committer: signature,
    },
  });
  const series = await exportSeries(dir, {
    base: targetTip,
    head: commit,
    maxCommits: input.maxCommits,
  });
  if (input.sourceBranch) {
    const branch = input.sourceBranch;
    await updateRef(repo.gitdir, branchRef(branch), commit, head, branch).catch((error) => {
      throw error instanceof TargetMovedError ? new SourceMovedError(branch) : error;
    });
  }
  return series;
}

/**
 * The source branch as the revision's commits, only while its tip is the series' last commit:
 * commits remade from the patch would differ from the pushed ones (a patch has no committer).
 */
async function sourceBranchCommits(
  dir: string,
  input: SeriesCommitInput,
  branch: string,
): Promise<Pick<RevisionCommits, "repo" | "targetTip" | "head">> {
  const repo = await openRepo(dir);
  const last = parseSeries(input.series).changesets.at(-1)?.id;
  const [tip, targetTip] = await Promise.all([
    commitOf(repo.gitdir, branchRef(branch)),
    commitOf(repo.gitdir, branchRef(input.branch)),
  ]);
  if (!tip || tip !== last) throw new SourceMovedError(branch);
  if (!targetTip) throw new ScmError(`there is no branch “${input.branch}”`);
  return { repo, targetTip, head: tip };
}
