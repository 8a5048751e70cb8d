import { ApplyConflictError } from "../errors";
import type { Mergeability, MergeInput, StrategyCheck } from "../types";

import { importExact, importOntoTip, mergeInto, nodeOf, withScratch } from "./scratch";
import { hg } from "./command";

/**
 * What each strategy would do, tried in a scratch clone that is thrown away: the revision's
 * own changesets (`import --exact`) for fast-forward and merge commit, the series onto the
 * tip for rebase and squash. Mercurial makes no merge commit with an ancestor, so a merge
 * commit needs a branch that has moved since the revision's base.
 */
export async function mergeability(dir: string, input: MergeInput): Promise<Mergeability> {
  return withScratch(dir, input.branch, input.series, async (scratch) => {
    const last = scratch.changesets.at(-1)?.id ?? "";
    const tipHasIt = /^[0-9a-f]{40}$/.test(last)
      ? await nodeOf(scratch.repository, `${last} and ::${scratch.targetTip}`)
      : undefined;
    if (tipHasIt) {
      const merged: StrategyCheck = { ok: false, reason: "unsupported" };
      const strategies = { merge: merged, "fast-forward": merged, rebase: merged, squash: merged };
      return { targetTip: scratch.targetTip, alreadyMerged: true, targetAhead: 0, strategies };
    }
    const base = scratch.changesets[0]?.parents[0] ?? "";
    const known = /^[0-9a-f]{40}$/.test(base) && (await nodeOf(scratch.work, base));
    const ahead = known
      ? await hg([
          "log",
          "-R",
          scratch.work,
          "-r",
          `only(${scratch.targetTip}, ${base})`,
          "-T",
          "x",
        ])
      : "";
    const head = await importExact(scratch);
    const fastForward: StrategyCheck =
      head && base === scratch.targetTip ? { ok: true } : { ok: false, reason: "not-fast-forward" };
    let merge: StrategyCheck = { ok: false, reason: "unsupported" };
    if (head && base !== scratch.targetTip) {
      const files = await mergeInto(scratch, head);
      merge = files.length > 0 ? { ok: false, reason: "conflicts", files } : { ok: true };
    }
    let onto: StrategyCheck = { ok: true };
    try {
      await importOntoTip(scratch, { commit: true });
    } catch (error) {
      if (!(error instanceof ApplyConflictError)) throw error;
      onto = { ok: false, reason: "conflicts", files: [error.file] };
    }
    return {
      targetTip: scratch.targetTip,
      alreadyMerged: false,
      targetAhead: ahead.length,
      strategies: { merge, "fast-forward": fastForward, rebase: onto, squash: onto },
    };
  });
}
