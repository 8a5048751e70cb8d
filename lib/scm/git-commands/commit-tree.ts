import { parseIsoDate } from "../dates";
import { ScmError } from "../errors";
import type { Identity } from "../types";
import { gitWrite } from "./cli";

export interface Signature extends Identity {
  /** ISO 8601 with its offset. */
  readonly date: string;
}

/** Git's own date form, `@<seconds> <+hhmm>`, which no locale or parser can misread. */
function gitDate(iso: string): string {
  const instant = parseIsoDate(iso);
  if (!instant) throw new ScmError(`“${iso}” is not a date`);
  const sign = instant.offsetMinutes < 0 ? "-" : "+";
  const minutes = Math.abs(instant.offsetMinutes);
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, "0")}${String(minutes % 60).padStart(2, "0")}`;
  return `@${instant.seconds} ${sign}${hhmm}`;
}

/** A commit of `tree` with these parents (`git commit-tree`): objects only, no ref moves. */
export async function commitTree(
  gitdir: string,
  commit: {
    tree: string;
    parents: readonly string[];
    message: string;
    author: Signature;
    committer: Signature;
  },
): Promise<string> {
  const { stdout } = await gitWrite(
    gitdir,
    [
      "commit-tree",
      ...commit.parents.flatMap((parent) => ["-p", parent]),
      "-m",
      commit.message,
      commit.tree,
    ],
    {
      env: {
        GIT_AUTHOR_NAME: commit.author.name,
        GIT_AUTHOR_EMAIL: commit.author.email,
        GIT_AUTHOR_DATE: gitDate(commit.author.date),
        GIT_COMMITTER_NAME: commit.committer.name,
        GIT_COMMITTER_EMAIL: commit.committer.email,
        GIT_COMMITTER_DATE: gitDate(commit.committer.date),
      },
    },
  );
  return stdout.toString("utf8").trim();
}
