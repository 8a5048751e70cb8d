import type { Project } from "@/lib/generated/prisma/client";
import { ForgeError } from "@/lib/forge/errors";
import { branchTip, keepCommit } from "@/lib/scm/git-commands/pushed-refs";
import type {
  ProcReceiveCommand,
  ProcReceiveHandler,
  ProcReceiveResult,
} from "@/lib/scm/proc-receive";
import { parsePushOptions, refsForCandidates, type PushOptions } from "./agit-input";
import { revisionRef } from "./revision-refs";
import { publishPushedSeries, type PushPublisher } from "./pushed-series";

/**
 * `git push origin HEAD:refs/for/<branch>[/<topic>]` (Forgejo's and Gerrit's "AGit" flow):
 * the pushed commits become a merge request against `<branch>`, or the next revision of the
 * pusher's own open one for the same branch and topic. Git hands these refs to the
 * proc-receive hook (lib/scm/proc-receive.ts), which lets this decide.
 */

export interface AgitPush {
  readonly project: Project;
  /** The hosted repository, where the pushed objects already are. */
  readonly dir: string;
  readonly pusher: string;
  /** Maintainers' branch and tag pushes never come here; anyone else's are refused here. */
  readonly mayUpdateBranches: boolean;
  /** Opened on the first ref that publishes (a password login costs time; a refusal need not). */
  readonly publisher: () => Promise<PushPublisher>;
  /** Where people reach this instance, for the merge request's address. */
  readonly origin: string;
  /** A refusal or failure worded for the person (lib/http's one message table). */
  readonly explain: (error: unknown) => string;
}

const ZERO_OID = /^0+$/;

export function agitHandler(push: AgitPush): ProcReceiveHandler {
  return async ({ commands, pushOptions }, say) => {
    const options = parsePushOptions(pushOptions);
    for (const name of options.unknown) say(`Push option “${name}” is not one Pubforge knows.`);
    let publisher: Promise<PushPublisher> | undefined;
    const publishing = () => (publisher ??= push.publisher());
    const results: ProcReceiveResult[] = [];
    try {
      for (const command of commands) {
        try {
          results.push(await receiveRef(push, command, options, publishing, say));
        } catch (error) {
          results.push({ ref: command.ref, ok: false, reason: push.explain(error) });
        }
      }
    } finally {
      await publisher?.then((opened) => opened.release()).catch(() => {});
    }
    return results;
  };
}

async function receiveRef(
  push: AgitPush,
  { ref, newOid }: ProcReceiveCommand,
  options: PushOptions,
  publishing: () => Promise<PushPublisher>,
  say: (line: string) => void,
): Promise<ProcReceiveResult> {
  const refuse = (reason: string): ProcReceiveResult => ({ ref, ok: false, reason });
  if (!ref.startsWith("refs/for/")) {
    return refuse(
      push.mayUpdateBranches
        ? "Pubforge does not take this ref"
        : `${push.pusher} is not a maintainer of ${push.project.name}: only maintainers update branches and tags; push to refs/for/<branch> to open a merge request`,
    );
  }
  if (ZERO_OID.test(newOid)) return refuse("there is nothing to delete under refs/for/");
  const target = await findTarget(push.dir, ref, options.topic);
  const sourceRef = target.topic
    ? `refs/for/${target.branch}/${target.topic}`
    : `refs/for/${target.branch}`;
  const published = await publishPushedSeries(
    { ...push, scm: "git" },
    { base: target.baseOid, head: newOid, targetBranch: target.branch, sourceRef },
    options,
    publishing,
  );
  await keepCommit(push.dir, revisionRef(published.itemId, published.revision), newOid);
  say(published.message);
  return { ref, ok: true };
}

/**
 * Which branch a refs/for/ ref names: with a `topic` push option, all of the rest; without,
 * the longest leading part that is a branch, the remainder being the topic (branch names
 * may hold slashes, as Forgejo reads them too).
 */
async function findTarget(
  dir: string,
  ref: string,
  topic: string | undefined,
): Promise<{ branch: string; topic: string; baseOid: string }> {
  const candidates = refsForCandidates(ref, topic);
  for (const candidate of candidates) {
    const baseOid = await branchTip(dir, candidate.branch);
    if (baseOid) return { ...candidate, baseOid };
  }
  throw new ForgeError("no-such-branch", { branch: candidates[0]?.branch ?? ref });
}
