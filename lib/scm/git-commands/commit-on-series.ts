import git from "isomorphic-git";
import type { FileChanges } from "../apply-changeset";
import { ScmError } from "../errors";
import { textOf } from "../text-file";
import type { SeriesCommitInput } from "../types";
import { fileInTree } from "./apply-series";
import { exportSeries } from "./export-series";
import { readSummary } from "./repo";
import { revisionCommits } from "./revision-commits";
import { writeTreeWith } from "./tree-write";

/** Only regular files are edited: a link's "text" is its target, a submodule's a commit id. */
const REGULAR = new Set(["100644", "100755"]);

/**
 * The revision's commits (as a merge finds or makes them), one commit on top with the edited
 * files, and the series from the revision's base to it. Objects only: no branch moves, so an
 * edit that throws leaves nothing anyone sees.
 */
export async function commitOnSeries(dir: string, input: SeriesCommitInput): Promise<string> {
  const { repo, targetTip, head } = await revisionCommits(dir, input);
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
  return exportSeries(dir, { base: targetTip, head: commit, maxCommits: input.maxCommits });
}
