import { resolve as absolute } from "node:path";
import { readCappedDiff } from "../capped-diff";
import { UnknownRevisionError } from "../errors";
import type { Comparison, DiffLimits } from "../types";
import { hgCapped } from "./capped";
import { hg } from "./command";
import { log } from "./log";
import { resolve } from "./resolve";

/** `hg log -r "only(head, base)"` and the diff from their common ancestor to head. */
export async function compare(
  dir: string,
  base: string,
  head: string,
  { maxBytes, maxCommits = 250 }: DiffLimits,
): Promise<Comparison> {
  const [from, to] = await Promise.all([resolve(dir, base), resolve(dir, head)]);
  if (!from) throw new UnknownRevisionError(base);
  if (!to) throw new UnknownRevisionError(head);
  const repository = absolute(dir);
  const ancestor = `ancestor(${from.id}, ${to.id})`;
  const mergeBase =
    (await hg(["log", "-R", repository, "-r", ancestor, "-T", "{node}"])).trim() || undefined;
  const commits = await log(dir, { from: from.id, to: to.id, limit: maxCommits + 1 });
  const { stdout, truncated } = await hgCapped(
    ["diff", "-R", repository, "--git", "-r", mergeBase ?? "null", "-r", to.id],
    maxBytes,
  );
  return {
    ...readCappedDiff(stdout.toString("utf8"), truncated),
    ...(mergeBase && { mergeBase }),
    commits: commits.slice(0, maxCommits),
    moreCommits: commits.length > maxCommits,
  };
}
