import { ScmError } from "../errors";
import { formatPatch } from "../git-series";
import { type Changeset, type SeriesRange, tooManyCommits } from "../types";
import { countNewCommits } from "./pushed-refs";
import { openRepo, readSummary, resolveCommit } from "./repo";
import { diffTrees } from "./tree-diff";
import { commitsOnlyIn } from "./walk";

/**
 * The commits of `head` that `base` lacks as `git format-patch` text, diffs computed by
 * Pubforge from the trees (isomorphic-git reads the objects; jsdiff writes the hunks).
 */
export async function exportSeries(dir: string, range: SeriesRange): Promise<string> {
  const { base, head } = range;
  const repo = await openRepo(dir);
  const [baseOid, headOid] = await Promise.all([
    resolveCommit(repo, base),
    resolveCommit(repo, head),
  ]);
  if ((await countNewCommits(dir, baseOid, headOid, range.maxCommits)) > range.maxCommits) {
    throw new ScmError(tooManyCommits(range));
  }
  const oids = await commitsOnlyIn(repo, { include: headOid, exclude: baseOid });
  if (oids.length === 0) throw new ScmError(`“${head}” has no commits that “${base}” lacks`);
  const commits = new Map(
    await Promise.all(oids.map(async (oid) => [oid, await readSummary(repo, oid)] as const)),
  );
  const merge = [...commits.values()].find(({ summary }) => summary.parents.length > 1);
  if (merge) {
    const id = merge.summary.id.slice(0, 12);
    throw new ScmError(`${id} is a merge, which a patch series cannot carry; rebase the branch`);
  }
  // Without merges the commits form one line from `head` down.
  const line = [];
  for (
    let commit = commits.get(headOid);
    commit;
    commit = commits.get(commit.summary.parents[0] ?? "")
  ) {
    line.unshift(commit);
  }
  const firstParent = line[0]!.summary.parents[0];
  let parentTree =
    firstParent === undefined ? undefined : (await readSummary(repo, firstParent)).tree;
  const changesets: Changeset[] = [];
  for (const { summary, tree } of line) {
    changesets.push({ ...summary, files: await diffTrees(repo, parentTree, tree) });
    parentTree = tree;
  }
  return formatPatch(changesets);
}
