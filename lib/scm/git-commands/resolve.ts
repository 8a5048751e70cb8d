import { checkRevision } from "../browse-input";
import { CommandFailedError } from "../capped-process";
import type { ChangesetSummary } from "../types";
import { ASK_GIT, resolveByCatFile, viaCatFile } from "./batch-reads";
import { gitdirOf, gitText } from "./cli";
import { parseSummaries, SUMMARY_OPTIONS } from "./summary-format";

/**
 * The commit a branch, tag or commit id names (a tag peeled), or undefined: through the
 * repository's cat-file process (batch-reads.ts) when it can tell, else `git log`.
 */
export async function resolve(dir: string, rev: string): Promise<ChangesetSummary | undefined> {
  const gitdir = await gitdirOf(dir);
  const read = await viaCatFile(gitdir, (process) => resolveByCatFile(process, rev));
  return read === ASK_GIT ? resolveIn(gitdir, rev) : read;
}

export async function resolveIn(
  gitdir: string,
  rev: string,
): Promise<ChangesetSummary | undefined> {
  const args = ["log", "-1", "--no-walk", ...SUMMARY_OPTIONS];
  try {
    // Git prints nothing for an id that names a tree or a blob.
    const text = await gitText(gitdir, [...args, "--end-of-options", checkRevision(rev), "--"]);
    return parseSummaries(text)[0];
  } catch (error) {
    if (error instanceof CommandFailedError && isUnknownRevision(error)) return undefined;
    throw error;
  }
}

/** Git's words for a revision that names nothing (or nothing it can read as a commit). */
export function isUnknownRevision(error: CommandFailedError): boolean {
  return /^fatal: (bad revision|bad object|ambiguous argument|Not a valid object name)/m.test(
    error.stderr,
  );
}
