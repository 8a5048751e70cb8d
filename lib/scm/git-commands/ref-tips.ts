import { ScmError } from "../errors";
import type { RefTip } from "../types";
import { gitdirOf, gitText } from "./cli";
import { parseSummaries, SUMMARY_OPTIONS } from "./summary-format";

/** Refs listed at most: a page of names, not a dump of a repository's every tag. */
export const MAX_REF_TIPS = 1000;

/**
 * Branches by name or tags newest first (`git for-each-ref`), each with its commit, read in
 * one more `git log --no-walk` for all of them.
 */
export async function refTips(dir: string, kind: "branch" | "tag"): Promise<RefTip[]> {
  const gitdir = await gitdirOf(dir);
  const listing = await gitText(gitdir, [
    "for-each-ref",
    `--count=${MAX_REF_TIPS}`,
    kind === "branch" ? "--sort=refname" : "--sort=-creatordate",
    // A tag object names its commit through `*objectname`; a branch or light tag is the commit.
    "--format=%(refname:lstrip=2)%00%(objectname)%00%(*objectname)%00%(*objecttype)%00%(objecttype)",
    kind === "branch" ? "refs/heads/" : "refs/tags/",
  ]);
  const refs = listing
    .split("\n")
    .filter((line) => line !== "")
    .flatMap((line) => {
      const [name, object, peeled, peeledType, type] = line.split("\0");
      if (name === undefined || object === undefined) {
        throw new ScmError("git for-each-ref printed an unexpected format");
      }
      if (peeledType === "commit" && peeled) return [{ name, id: peeled }];
      return type === "commit" ? [{ name, id: object }] : [];
    });
  if (refs.length === 0) return [];
  const ids = [...new Set(refs.map((ref) => ref.id))];
  const log = await gitText(gitdir, [
    "log",
    "--no-walk=unsorted",
    ...SUMMARY_OPTIONS,
    ...ids,
    "--",
  ]);
  const commits = new Map(parseSummaries(log).map((summary) => [summary.id, summary]));
  return refs.flatMap(({ name, id }) => {
    const commit = commits.get(id);
    return commit ? [{ name, commit }] : [];
  });
}
