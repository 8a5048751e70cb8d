import type { ChangesetSummary, LogRange } from "../types";
import { openRepo, readSummary, resolveCommit } from "./repo";
import { commitsOnlyIn } from "./walk";

/** `git log from..to`, newest first. */
export async function log(dir: string, { from, to, limit }: LogRange): Promise<ChangesetSummary[]> {
  const repo = await openRepo(dir);
  const include = await resolveCommit(repo, to);
  const exclude = from === undefined ? undefined : await resolveCommit(repo, from);
  const oids = await commitsOnlyIn(repo, { include, exclude, limit });
  return Promise.all(oids.map(async (oid) => (await readSummary(repo, oid)).summary));
}
