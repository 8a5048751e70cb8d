import { MergeConflictError, NotFastForwardError, ScmError, TargetMovedError } from "../errors";
import type { MergeInput, MergeOutcome, MergeStrategy } from "../types";
import { hg, revsetString } from "./command";
import {
  importExact,
  importOntoTip,
  mergeInto,
  nodeOf,
  withScratch,
  type Scratch,
} from "./scratch";

/**
 * Lands a revision on its branch: the strategy runs in a scratch clone, and only its complete
 * result is pulled back into the repository, in one transaction, if the branch still has the
 * tip it was built on. A push between that check and the pull would leave two heads, both
 * kept (Mercurial's history only grows), never a lost push.
 */
export async function merge(
  dir: string,
  input: MergeInput,
  strategy: MergeStrategy,
): Promise<MergeOutcome> {
  return withScratch(dir, input.branch, input.series, async (scratch) => {
    const revisions = await land(scratch, input, strategy);
    const tip = revisions.at(-1)!;
    if ((await nodeOf(scratch.repository, revsetString(input.branch))) !== scratch.targetTip) {
      throw new TargetMovedError(input.branch);
    }
    await hg(["pull", "-R", scratch.repository, "-r", tip, "--", scratch.work]);
    return { revisions };
  });
}

async function land(scratch: Scratch, input: MergeInput, strategy: MergeStrategy) {
  const { work, targetTip } = scratch;
  const now = `${Math.floor(Date.now() / 1000)} 0`;
  const merger = user(input.merger);
  switch (strategy) {
    case "fast-forward": {
      const head = await importExact(scratch);
      if (!head || scratch.changesets[0]?.parents[0] !== targetTip) {
        throw new NotFastForwardError(input.branch);
      }
      return newChangesets(work, targetTip);
    }
    case "merge": {
      const head = await importExact(scratch);
      if (!head || scratch.changesets[0]?.parents[0] === targetTip) {
        throw new ScmError(
          "Mercurial makes a merge commit only from the revision's own changesets on a branch that has moved since: use fast-forward or rebase",
        );
      }
      const files = await mergeInto(scratch, head);
      if (files.length > 0) throw new MergeConflictError(files);
      await hg(["commit", "-R", work, "-m", input.mergeMessage, "-u", merger, "-d", now]);
      return newChangesets(work, targetTip);
    }
    case "squash": {
      await importOntoTip(scratch, { commit: false });
      const author = scratch.changesets[0]?.author ?? input.merger;
      await hg(["commit", "-R", work, "-m", input.squashMessage, "-u", user(author), "-d", now]);
      return newChangesets(work, targetTip);
    }
    case "rebase":
      await importOntoTip(scratch, { commit: true });
      return newChangesets(work, targetTip);
  }
}

const user = ({ name, email }: { name: string; email: string }) =>
  email ? `${name} <${email}>` : name;

/** What the working copy's parent has that the old tip lacks, oldest first. */
async function newChangesets(work: string, targetTip: string): Promise<string[]> {
  const log = await hg(["log", "-R", work, "-r", `only(., ${targetTip})`, "-T", "{node}\\n"]);
  return log.split("\n").filter(Boolean);
}
