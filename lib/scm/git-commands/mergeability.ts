import { ApplyConflictError } from "../errors";
import type { Mergeability, MergeInput, StrategyCheck } from "../types";
import { writeSeriesOnto } from "./apply-series";
import { isAncestor } from "./is-ancestor";
import { mergeTree } from "./merge-tree";
import { revisionCommits } from "./revision-commits";
import { commitsBetween } from "./rev-list";
import { commitOf } from "./rev-parse";
import { branchRef } from "./repo";
import { gitdirOf } from "./cli";

/**
 * What each strategy would do to the branch now: a merge-ort merge in the object store for
 * merge commit and squash, the series applied in memory onto the tip for rebase, ancestry for
 * fast-forward. Objects may be written; no branch moves.
 */
export async function mergeability(dir: string, input: MergeInput): Promise<Mergeability> {
  let revision;
  try {
    revision = await revisionCommits(dir, input);
  } catch (error) {
    if (!(error instanceof ApplyConflictError)) throw error;
    // Its base unknown here, the series was applied to the tip, and did not apply.
    const tip = await commitOf(await gitdirOf(dir), branchRef(input.branch));
    return conflictingEverywhere(tip, error.file);
  }
  const { repo, targetTip, head, changesets } = revision;
  const { gitdir } = repo;
  const targetAhead = (await commitsBetween(gitdir, head, targetTip)).length;
  const alreadyMerged = await isAncestor(gitdir, head, targetTip);
  const { conflicts } = await mergeTree(gitdir, targetTip, head);
  const merged: StrategyCheck =
    conflicts.length > 0 ? { ok: false, reason: "conflicts", files: conflicts } : { ok: true };
  let rebase: StrategyCheck = { ok: true };
  try {
    await writeSeriesOnto(repo, targetTip, changesets);
  } catch (error) {
    if (!(error instanceof ApplyConflictError)) throw error;
    rebase = { ok: false, reason: "conflicts", files: [error.file] };
  }
  return {
    targetTip,
    alreadyMerged,
    targetAhead,
    strategies: {
      merge: merged,
      squash: merged,
      rebase,
      "fast-forward": (await isAncestor(gitdir, targetTip, head))
        ? { ok: true }
        : { ok: false, reason: "not-fast-forward" },
    },
  };
}

function conflictingEverywhere(targetTip: string | undefined, file: string): Mergeability {
  const conflict: StrategyCheck = { ok: false, reason: "conflicts", files: [file] };
  return {
    targetTip: targetTip ?? "",
    alreadyMerged: false,
    targetAhead: 0,
    strategies: { merge: conflict, squash: conflict, rebase: conflict, "fast-forward": conflict },
  };
}
