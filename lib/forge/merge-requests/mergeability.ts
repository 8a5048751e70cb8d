import type { MergeRequest as MergeRequestRow, Project } from "@/lib/generated/prisma/client";
import { adapterFor } from "@/lib/scm/index";
import { PatchParseError, ScmError } from "@/lib/scm/errors";
import type { Mergeability, MergeStrategy, StrategyCheck } from "@/lib/scm/types";
import { ForgeError } from "@/lib/forge/errors";
import { allowedMergeStrategies } from "@/lib/forge/projects/merge-strategies";
import { readProjectRepository } from "@/lib/forge/repositories/mirrors";
import { mergeInput, repositoryOf } from "./merge";
import { patchDigest } from "./pin";

/** What the merge box shows before anyone presses Merge. */
export type MergeBox =
  | {
      readonly known: false;
      /** Why nothing could be worked out in advance: the merge itself will tell. */
      readonly reason: string;
      readonly allowed: readonly MergeStrategy[];
    }
  | {
      readonly known: true;
      readonly branch: string;
      readonly alreadyMerged: boolean;
      readonly targetAhead: number;
      /** The project's allowed strategies, each with whether it would work now. */
      readonly strategies: readonly { strategy: MergeStrategy; check: StrategyCheck }[];
    };

// Keyed by repository, revision and target tip: a page view after nothing changed costs one
// ref lookup. Bounded, oldest first out.
const checked = new Map<string, Mergeability>();
const MAX_CHECKED = 256;

/**
 * Whether and how the merge request's current revision could land now, worked out on the
 * project's repository as this instance holds it (no fetch from an upstream on a page view),
 * without moving its branches.
 */
export async function mergeBoxOf(project: Project, request: MergeRequestRow): Promise<MergeBox> {
  const allowed = allowedMergeStrategies(project);
  let repository;
  try {
    repository = repositoryOf(project);
  } catch (error) {
    if (!(error instanceof ForgeError)) throw error;
    return { known: false, reason: "The project names no repository to merge into.", allowed };
  }
  // The merger is not known yet; nothing computed here depends on who it will be.
  const input = mergeInput(project, request.itemId, request, request.targetBranch, "");
  try {
    const check = await readProjectRepository(repository, async (dir) => {
      const adapter = adapterFor(repository.scm);
      const tip = await adapter.resolve(dir, input.branch);
      if (!tip) return undefined;
      const key = [dir, request.itemId, request.revision, patchDigest(request.patch), tip.id].join(
        "\n",
      );
      const known = checked.get(key);
      if (known) return known;
      const fresh = await adapter.mergeability(dir, input);
      checked.set(key, fresh);
      if (checked.size > MAX_CHECKED) checked.delete(checked.keys().next().value!);
      return fresh;
    });
    if (!check) {
      return {
        known: false,
        reason: `This instance holds no copy of “${input.branch}” yet, so nothing was checked in advance.`,
        allowed,
      };
    }
    return {
      known: true,
      branch: input.branch,
      alreadyMerged: check.alreadyMerged,
      targetAhead: check.targetAhead,
      strategies: allowed.map((strategy) => ({ strategy, check: check.strategies[strategy] })),
    };
  } catch (error) {
    if (error instanceof ScmError || error instanceof PatchParseError) {
      const reason = `Mergeability could not be worked out: ${error.message}`;
      return { known: false, reason, allowed };
    }
    throw error;
  }
}
