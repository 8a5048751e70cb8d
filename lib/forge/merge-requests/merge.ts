import { adapterFor } from "@/lib/scm/index";
import { ScmKindSchema } from "@/lib/scm/types";
import type { Viewer } from "@/lib/forge/viewer";
import { isFailure } from "@/lib/xmpp/errors";
import { ForgeError } from "@/lib/forge/errors";
import { publish, retract } from "@/lib/xmpp/pubsub";
import { buildForm } from "@/lib/xmpp/dataform";
import { encodeMergeRequest } from "./codec";
import { currentMergeRequest, republish } from "./operations";
import { loadProject } from "@/lib/forge/projects/load-project";
import { matchesPin, type MergePin } from "./pin";
import { isHostedHere, withProjectRepository } from "@/lib/forge/repositories/mirrors";
import { projectNodes } from "@/lib/forge/nodes";
import { pushMergedBranch } from "@/lib/forge/repositories/push-mirror";

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

/**
 * Applies the series the person saw (`pin`; anything newer is refused) onto the target branch of the project's repository (all or nothing:
 * a conflict with what is already there, earlier merges included, leaves it unchanged) and
 * records the resulting revisions. Only maintainers merge, and the service decides who they are: the
 * merge is first written to the maintainers-only merge log, which it refuses to anyone else.
 */
export async function mergeMergeRequest(
  viewer: Viewer,
  mergeRequestId: string,
  pin: MergePin,
): Promise<string[]> {
  const { cached, request } = await currentMergeRequest(viewer, mergeRequestId);
  const project = await loadProject(cached.projectId);
  if (request.status === "merged") throw new ForgeError("already-merged");
  if (!matchesPin(pin, request.revision, request.patch)) {
    throw new ForgeError("changed-since-shown", { revision: request.revision });
  }
  const repository = { ...project, scm: ScmKindSchema.parse(project.scm) };
  if (!project.cloneUrl && !isHostedHere(project)) throw new ForgeError("no-repository");
  const log = projectNodes(project.slug).merges;
  await publish(
    viewer.session,
    project.service,
    log,
    mergeRecord(cached.itemId, request.revision, viewer.jid, []),
    {
      id: cached.itemId,
    },
  ).catch((error) => {
    if (isFailure(error, "forbidden"))
      throw new ForgeError("not-maintainer", undefined, { cause: error });
    throw error;
  });
  let revisions: string[];
  try {
    ({ revisions } = await withProjectRepository(repository, (dir) =>
      adapterFor(repository.scm).applySeries(
        dir,
        cached.targetBranch || project.defaultBranch,
        request.patch,
      ),
    ));
  } catch (error) {
    await retract(viewer.session, project.service, log, cached.itemId).catch(() => {});
    throw error;
  }
  await pushMergedBranch(repository, cached.targetBranch || project.defaultBranch);
  await publish(
    viewer.session,
    project.service,
    log,
    mergeRecord(cached.itemId, request.revision, viewer.jid, revisions),
    { id: cached.itemId },
  );
  await republish(
    viewer,
    cached,
    encodeMergeRequest(request, {
      status: "merged",
      mergedRevisions: revisions,
      updated: new Date().toISOString(),
    }),
  );
  return revisions;
}
