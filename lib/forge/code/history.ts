import type { Blame, ChangesetSummary, CommitDiff, Comparison, FileBlob } from "@/lib/scm/types";
import { locate } from "./browse";
import type { CodeRepository } from "./repository";

type Ready = Extract<CodeRepository, { state: "ready" }>;

export const LOG_PAGE_SIZE = 50;
/** Pages of the log reachable by paging: past that, narrow by path or pick an older commit. */
export const MAX_LOG_PAGE = 1000;
/** Diff text read for a commit or a comparison page at most (about 25,000 changed lines). */
export const MAX_DIFF_BYTES = 1024 * 1024;
/** Commits a comparison lists at most. */
export const MAX_COMPARED_COMMITS = 250;
/** Files blamed at most: blame reads every commit that touched the file. */
export const MAX_BLAMED_BYTES = 256 * 1024;

export interface LogPage {
  readonly commits: readonly ChangesetSummary[];
  readonly page: number;
  readonly hasOlder: boolean;
}

/** One page of the commits of `commit` (newest first), only those touching `path` if given. */
export async function logPage(
  repository: Ready,
  commit: string,
  { path, page }: { path: string; page: number },
): Promise<LogPage> {
  const shown = Math.min(Math.max(1, Math.floor(page) || 1), MAX_LOG_PAGE);
  const commits = await repository.adapter.log(repository.dir, {
    to: commit,
    ...(path && { path }),
    skip: (shown - 1) * LOG_PAGE_SIZE,
    limit: LOG_PAGE_SIZE + 1,
  });
  return {
    commits: commits.slice(0, LOG_PAGE_SIZE),
    page: shown,
    hasOlder: commits.length > LOG_PAGE_SIZE && shown < MAX_LOG_PAGE,
  };
}

export function commitWithDiff(repository: Ready, rev: string): Promise<CommitDiff> {
  return repository.adapter.commit(repository.dir, rev, { maxBytes: MAX_DIFF_BYTES });
}

export type BlameView =
  | { readonly kind: "blame"; readonly blame: Blame; readonly file: FileBlob }
  | { readonly kind: "missing" }
  /** A binary file, or one over MAX_BLAMED_BYTES: the page says so and offers the file. */
  | { readonly kind: "not-blamed"; readonly file: FileBlob };

export async function blameOf(repository: Ready, commit: string, path: string): Promise<BlameView> {
  const { adapter, dir } = repository;
  const file = await adapter.readFile(dir, commit, path, { maxBytes: MAX_BLAMED_BYTES });
  if (!file) return { kind: "missing" };
  if (!file.bytes || file.binary) return { kind: "not-blamed", file };
  return { kind: "blame", blame: await adapter.blame(dir, commit, path), file };
}

export async function compareRevisions(
  repository: Ready,
  base: string,
  head: string,
): Promise<Comparison & { readonly base: ChangesetSummary; readonly head: ChangesetSummary }> {
  const [from, to] = await Promise.all([locate(repository, base), locate(repository, head)]);
  const comparison = await repository.adapter.compare(repository.dir, from.id, to.id, {
    maxBytes: MAX_DIFF_BYTES,
    maxCommits: MAX_COMPARED_COMMITS,
  });
  return { ...comparison, base: from, head: to };
}

/** The newest commit of `commit`'s history that touched `path` (the root: `commit` itself). */
export async function latestChange(
  repository: Ready,
  commit: ChangesetSummary,
  path: string,
): Promise<ChangesetSummary | undefined> {
  if (path === "") return commit;
  const [latest] = await repository.adapter.log(repository.dir, { to: commit.id, path, limit: 1 });
  return latest;
}
