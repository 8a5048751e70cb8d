import { revisionFlag } from "@/lib/cache/merge-requests";
import { adapterFor } from "@/lib/scm/index";
import { MergeConflictError, NotFastForwardError, TargetMovedError } from "@/lib/scm/errors";
import { type MergeInput, type MergeStrategy, ScmKindSchema } from "@/lib/scm/types";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { isFailure } from "@/lib/xmpp/errors";
import { ForgeError } from "@/lib/forge/errors";
import { publish, retract } from "@/lib/xmpp/pubsub";
import { buildForm } from "@/lib/xmpp/dataform";
import { encodeMergeRequest } from "./codec";
import { currentMergeRequest, republish } from "./operations";
import { loadProject } from "@/lib/forge/projects/load-project";
import { allowedMergeStrategies } from "@/lib/forge/projects/merge-strategies";
import { closeReferencedTickets } from "./close-tickets";
import { mergeBlockers, type MergeRuleFacts } from "./merge-rules";
import { reviewFacts } from "./review-state";
import { checkFacts } from "@/lib/forge/checks/required";
import { mergeRequestThreads, type ThreadedRequest } from "./threads";
import { unresolvedThreads } from "@/lib/forge/comments/threads";
import { requiresResolvedThreads } from "@/lib/forge/projects/thread-rule";
import { matchesPin, type MergePin } from "./pin";
import {
  isHostedHere,
  type ProjectRepository,
  withProjectRepository,
} from "@/lib/forge/repositories/mirrors";
import { revisionRef } from "@/lib/forge/repositories/revision-refs";
import { projectNodes } from "@/lib/forge/nodes";
import { pushAfterMerge } from "@/lib/forge/repositories/push-mirror";

/** A merge log entry: which merge request, which revision, and what it became. */
function mergeRecord(mergeRequest: string, revision: number, by: string, revisions: string[]) {
  const fields: [string, string, string[]][] = [
    ["FORM_TYPE", "hidden", [MERGE_RECORD_FORM_TYPE]],
    ["merge_request", "text-single", [mergeRequest]],
    ["revision", "text-single", [String(revision)]],
    ["merged_by", "jid-single", [by]],
    ["merged_revisions", "text-multi", revisions],
    ["date", "text-single", [new Date().toISOString()]],
  ];
  return buildForm(fields);
}

export const MERGE_RECORD_FORM_TYPE = "urn:pubforge:merge:0";

/** The project's repository, as a merge or a look at mergeability needs it. */
export function repositoryOf(project: Project): ProjectRepository {
  if (!project.cloneUrl && !isHostedHere(project)) throw new ForgeError("no-repository");
  return { ...project, scm: ScmKindSchema.parse(project.scm) };
}

/** What the SCM needs to merge this revision of the merge request. */
export function mergeInput(
  project: Project,
  itemId: string,
  request: {
    title: string;
    bodyMarkdown?: string | null;
    number?: number | null;
    revision: number;
    patch: string;
  },
  targetBranch: string,
  merger: string,
): MergeInput {
  const title = request.title.trim() || "Merge request";
  const description = request.bodyMarkdown?.trim() ?? "";
  const which = request.number == null ? "merge request" : `merge request !${request.number}`;
  return {
    branch: targetBranch || project.defaultBranch,
    series: request.patch,
    revisionRef: revisionRef(itemId, request.revision),
    mergeMessage: `Merge ${which}: ${title}`,
    squashMessage: description ? `${title}\n\n${description}` : title,
    merger: { name: merger, email: merger },
  };
}

/** The threads' facts for the merge rules (merge-rules.ts): counted only under the rule. */
export async function threadMergeFacts(
  request: ThreadedRequest,
  project: Project,
): Promise<NonNullable<MergeRuleFacts["threads"]>> {
  const required = requiresResolvedThreads(project);
  const unresolved = required ? unresolvedThreads(await mergeRequestThreads(request)).length : 0;
  return { unresolved, required };
}

/** The SCM's refusals, told as the forge's: each says what to do next. */
function asForgeError(error: unknown, strategy: MergeStrategy): unknown {
  if (error instanceof MergeConflictError) {
    return new ForgeError(
      "merge-conflicts",
      { files: [...error.files], strategy },
      { cause: error },
    );
  }
  if (error instanceof TargetMovedError) {
    return new ForgeError("target-moved", { branch: error.branch }, { cause: error });
  }
  if (error instanceof NotFastForwardError) {
    return new ForgeError("not-fast-forward", { branch: error.branch }, { cause: error });
  }
  return error;
}

/**
 * Lands the revision the person saw (`pin`; anything newer is refused) on the target branch of
 * the project's repository with `strategy`, if the project allows it: all or nothing (a
 * conflict, or a push that moved the branch meanwhile, leaves it as it is). Only maintainers
 * merge, and the service decides who they are: the merge is first written to the
 * maintainers-only merge log, which it refuses to anyone else.
 */
export async function mergeMergeRequest(
  viewer: Viewer,
  mergeRequestId: string,
  pin: MergePin,
  strategy: MergeStrategy,
): Promise<readonly string[]> {
  const { cached, request } = await currentMergeRequest(viewer, mergeRequestId);
  const project = await loadProject(cached.projectId);
  if (request.status === "merged") throw new ForgeError("already-merged");
  if (!matchesPin(pin, request.revision, request.patch)) {
    throw new ForgeError("changed-since-shown", { revision: request.revision });
  }
  const review = await reviewFacts(project, cached, request);
  const checks = await checkFacts(project, { id: cached.id, revision: request.revision });
  const threads = await threadMergeFacts(cached, project);
  const blockers = mergeBlockers(request, { review, ...checks, threads });
  if (blockers.length > 0) throw new ForgeError("merge-blocked", { blockers });
  // Changed, or given the revision about to be merged, by someone neither its author nor a
  // maintainer (items/overwrite-flag.ts): a maintainer reverts or keeps that first.
  const flaggedBy = cached.flaggedBy || (await revisionFlag(cached.id, request.revision));
  if (flaggedBy) throw new ForgeError("flagged-before-merge", { by: flaggedBy });
  if (!allowedMergeStrategies(project).includes(strategy)) {
    throw new ForgeError("strategy-not-allowed", { strategy });
  }
  const repository = repositoryOf(project);
  const input = mergeInput(project, cached.itemId, request, cached.targetBranch, viewer.jid);
  const log = projectNodes(project.slug).merges;
  const record = (revisions: string[]) =>
    publish(
      viewer.session,
      project.service,
      log,
      mergeRecord(cached.itemId, request.revision, viewer.jid, revisions),
      { id: cached.itemId },
    );

  await record([]).catch((error) => {
    if (isFailure(error, "forbidden"))
      throw new ForgeError("not-maintainer", undefined, { cause: error });
    throw error;
  });
  let revisions: string[];
  try {
    ({ revisions } = await withProjectRepository(repository, async (dir) => {
      const outcome = await adapterFor(repository.scm).merge(dir, input, strategy);
      // The target branch has moved: anything that follows the branch (an upstream to push
      // to) starts here, still alone on the repository.
      return { revisions: [...outcome.revisions] };
    }));
  } catch (error) {
    await retract(viewer.session, project.service, log, cached.itemId).catch(() => {});
    throw asForgeError(error, strategy);
  }

  await record(revisions);
  await republish(
    viewer,
    cached,
    encodeMergeRequest(request, {
      status: "merged",
      mergedRevisions: revisions,
      updated: new Date().toISOString(),
    }),
  );
  await closeReferencedTickets(viewer, project, repository.scm, request);
  // The push mirror's push runs after the answer; one that fails is recorded for the project's
  // page and tried again, and the merge stands.
  await pushAfterMerge(repository, input.branch);
  return revisions;
}
