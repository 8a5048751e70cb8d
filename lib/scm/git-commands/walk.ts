import git from "isomorphic-git";
import type { Repo } from "./repo";

/**
 * The commits reachable from `include` but not from `exclude` (`git rev-list include
 * ^exclude`), newest first by committer date. Like Git, it walks both sides at once by date
 * and stops once only excluded commits are left to visit, so it does not read the whole
 * shared history; without `exclude` it stops after `limit` commits.
 */
export async function commitsOnlyIn(
  repo: Repo,
  { include, exclude, limit }: { include: string; exclude?: string; limit?: number },
): Promise<string[]> {
  const parents = new Map<string, readonly string[]>();
  const excluded = new Set<string>();
  const queue: { oid: string; time: number }[] = [];
  const queued = new Set<string>();
  // Queued commits not (yet) known to be excluded: the walk ends when there are none.
  let interesting = 0;
  const visited: string[] = [];

  // Marks must reach parents already read, or a commit found earlier through `include`
  // would keep its history in the result.
  const markExcluded = (oid: string) => {
    const stack = [oid];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (excluded.has(next)) continue;
      excluded.add(next);
      if (queued.has(next)) interesting--;
      stack.push(...(parents.get(next) ?? []));
    }
  };
  const push = async (oid: string, uninteresting: boolean) => {
    if (uninteresting) markExcluded(oid);
    if (parents.has(oid)) return;
    const { commit } = await git.readCommit({ ...repo, oid });
    parents.set(oid, commit.parent);
    const time = commit.committer.timestamp;
    const at = queue.findIndex((entry) => entry.time < time);
    queue.splice(at < 0 ? queue.length : at, 0, { oid, time });
    queued.add(oid);
    if (!excluded.has(oid)) interesting++;
  };

  if (exclude) await push(exclude, true);
  await push(include, false);
  while (interesting > 0) {
    if (!exclude && limit !== undefined && visited.length >= limit) break;
    const { oid } = queue.shift()!;
    queued.delete(oid);
    const uninteresting = excluded.has(oid);
    if (!uninteresting) {
      interesting--;
      visited.push(oid);
    }
    for (const parent of parents.get(oid)!) await push(parent, uninteresting);
  }
  const result = visited.filter((oid) => !excluded.has(oid));
  return limit === undefined ? result : result.slice(0, limit);
}
