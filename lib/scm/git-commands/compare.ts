import { CommandFailedError } from "../capped-process";
import { UnknownRevisionError } from "../errors";
import type { Comparison, DiffLimits } from "../types";
import { gitdirOf, gitText } from "./cli";
import { diffTrees } from "./commit";
import { logIn } from "./log";
import { EMPTY_TREE } from "./repo";
import { resolveIn } from "./resolve";

/** `git log base..head` and `git diff base...head`: what head adds since it left base. */
export async function compare(
  dir: string,
  base: string,
  head: string,
  { maxBytes, maxCommits = 250 }: DiffLimits,
): Promise<Comparison> {
  const gitdir = await gitdirOf(dir);
  const [from, to] = await Promise.all([resolveIn(gitdir, base), resolveIn(gitdir, head)]);
  if (!from) throw new UnknownRevisionError(base);
  if (!to) throw new UnknownRevisionError(head);
  const [mergeBase, commits] = await Promise.all([
    mergeBaseOf(gitdir, from.id, to.id),
    logIn(gitdir, { from: from.id, to: to.id, limit: maxCommits + 1 }),
  ]);
  const diff = await diffTrees(gitdir, mergeBase ?? EMPTY_TREE, to.id, { maxBytes });
  return {
    ...diff,
    ...(mergeBase && { mergeBase }),
    commits: commits.slice(0, maxCommits),
    moreCommits: commits.length > maxCommits,
  };
}

async function mergeBaseOf(gitdir: string, a: string, b: string): Promise<string | undefined> {
  try {
    return (await gitText(gitdir, ["merge-base", a, b])).trim() || undefined;
  } catch (error) {
    // Exit code 1 without a word: the two histories share no commit.
    if (error instanceof CommandFailedError && error.code === 1) return undefined;
    throw error;
  }
}
