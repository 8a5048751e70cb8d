import { parseSeries } from "../detect-series";
import { ScmError } from "../errors";
import type { Changeset, MergeInput } from "../types";
import { writeSeriesOnto } from "./apply-series";
import { branchRef, openRepo, type Repo } from "./repo";
import { commitOf } from "./rev-parse";
import { commitsBetween } from "./rev-list";
import { updateRef } from "./update-ref";

/** A revision as commits, next to the branch it is to land on. */
export interface RevisionCommits {
  readonly repo: Repo;
  readonly targetTip: string;
  /** The revision's last commit. */
  readonly head: string;
  /** Its commits the branch lacks, oldest first. */
  readonly commits: readonly string[];
  readonly changesets: readonly Changeset[];
}

/**
 * The revision's commits: those a push left under `input.revisionRef`, or else the series
 * made into commits on its base (the parent it records, when the repository has it, else the
 * branch's tip) and kept under that ref, so the next look finds the same commits. Only the
 * hidden ref is written, and only where nothing was.
 */
export async function revisionCommits(
  dir: string,
  input: Pick<MergeInput, "branch" | "series" | "revisionRef">,
): Promise<RevisionCommits> {
  const repo = await openRepo(dir);
  const { changesets } = parseSeries(input.series);
  const targetTip = await commitOf(repo.gitdir, branchRef(input.branch));
  if (!targetTip) throw new ScmError(`there is no branch “${input.branch}”`);
  let head = await commitOf(repo.gitdir, input.revisionRef);
  if (!head) {
    const recorded = changesets[0]?.parents[0];
    const base = (recorded && (await commitOf(repo.gitdir, recorded))) || targetTip;
    head = (await writeSeriesOnto(repo, base, changesets)).at(-1) ?? base;
    await updateRef(repo.gitdir, input.revisionRef, head, undefined).catch(async (error) => {
      // Another look made them at the same moment: theirs are kept.
      head = await commitOf(repo.gitdir, input.revisionRef);
      if (!head) throw error;
    });
  }
  const commits = await commitsBetween(repo.gitdir, targetTip, head!);
  return { repo, targetTip, head: head!, commits, changesets };
}
