import { checkRepoPath, checkRevision } from "../browse-input";
import { CommandFailedError } from "../capped-process";
import { UnknownRevisionError } from "../errors";
import type { ChangesetSummary, LogRange } from "../types";
import { gitdirOf, gitText } from "./cli";
import { isUnknownRevision } from "./resolve";
import { parseSummaries, SUMMARY_OPTIONS } from "./summary-format";

/** `git log from..to -- path`, newest first. */
export async function log(dir: string, range: LogRange): Promise<ChangesetSummary[]> {
  return logIn(await gitdirOf(dir), range);
}

export async function logIn(
  gitdir: string,
  { from, to, limit, skip, path }: LogRange,
): Promise<ChangesetSummary[]> {
  const revisions = [checkRevision(to), ...(from === undefined ? [] : [`^${checkRevision(from)}`])];
  const args = [
    "log",
    ...SUMMARY_OPTIONS,
    ...(limit === undefined ? [] : [`--max-count=${Math.max(0, Math.floor(limit))}`]),
    ...(skip ? [`--skip=${Math.max(0, Math.floor(skip))}`] : []),
    "--end-of-options",
    ...revisions,
    "--",
    ...(path ? [checkRepoPath(path)] : []),
  ];
  try {
    return parseSummaries(await gitText(gitdir, args));
  } catch (error) {
    if (!(error instanceof CommandFailedError && isUnknownRevision(error))) throw error;
    const named = /'\^?(.*?)'/.exec(error.stderr)?.[1] ?? to;
    throw new UnknownRevisionError(named, { cause: error });
  }
}
