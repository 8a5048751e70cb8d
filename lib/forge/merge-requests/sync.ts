import {
  addRevision,
  deleteMergeRequest,
  findMergeRequest,
  upsertMergeRequest,
} from "@/lib/cache/merge-requests";
import { recordMentions } from "@/lib/forge/items/backlinks";
import { changeBus } from "@/lib/events/bus";
import { projectNodes } from "@/lib/forge/nodes";
import {
  type DomainSync,
  emptyResult,
  keepAcceptedThread,
  projectAccessModel,
  rejectItem,
} from "@/lib/forge/sync/domain";
import { itemKey, mergeRequestPath, projectPath } from "@/lib/forge/routes";
import { notifyApplied } from "@/lib/forge/notifications/notify";
import { projectPublishers } from "@/lib/forge/items/publishers";
import { itemPublisher } from "@/lib/forge/items/record-fields";
import { flagOfAddition, judgeVersions } from "@/lib/forge/items/versions";
import { decodeMergeRequest } from "./codec";
import { mergeRequestRecord, revisionRecord } from "./records";
import { decodeRevision } from "./revision-codec";

/**
 * Items of a project's merge request tracker. The item holds the latest series; when its
 * revision is not cached yet (a Libervia merge request, which has no revisions node) that
 * series becomes the revision.
 */
export const mergeRequestSync: DomainSync = {
  needsProject: true,

  async applyItems(context, items) {
    const result = emptyResult();
    const project = { ...context, accessModel: await projectAccessModel(context) };
    const publishers = projectPublishers(context.projectId, project.accessModel);
    for (const item of items) {
      const refusal = await publishers.refusal(itemPublisher(item));
      if (refusal) {
        rejectItem(context, result, item, refusal);
        continue;
      }
      const decoded = decodeMergeRequest(item.element);
      if (!decoded.ok) {
        rejectItem(context, result, item, decoded.reason);
        continue;
      }
      const record = mergeRequestRecord(
        context.projectId,
        context.service,
        context.node,
        item,
        decoded.mergeRequest,
        context.observedAt,
      );
      const thread = keepAcceptedThread(record, project);
      await judgeVersions("merge-request", [record], publishers.maintainers);
      const before = await findMergeRequest(record.id);
      await upsertMergeRequest(record);
      await recordMentions(context.projectId, [
        {
          fromId: record.id,
          publisher: record.publisher,
          source: { kind: "merge-request", id: record.id, number: record.number },
          text: record.bodyMarkdown,
        },
      ]);
      // The series this version carries is flagged if this very version is.
      const flaggedBy = record.flaggedBy === record.publisher ? record.flaggedBy : "";
      await addRevision(
        revisionRecord(
          record.id,
          record.revision,
          record.patch,
          { publisher: record.publisher, flaggedBy },
          record.updated,
          record.rawXml,
          context.observedAt ?? new Date(),
        ),
      );
      if (thread) result.commentsNodes.push(thread);
      changeBus().publish({ projectId: context.projectId, kind: "merge-request", id: record.id });
      result.applied++;
      const merged = record.status === MERGED && before && before.status !== MERGED;
      if (!before || merged)
        await notifyApplied([notifiedRequest(record, merged ? "merge" : "new")]);
    }
    return result;
  },

  async applyRetractions(context, itemIds) {
    for (const itemId of itemIds) {
      const id = itemKey(context.service, context.node, itemId);
      await deleteMergeRequest(id);
      changeBus().publish({ projectId: context.projectId, kind: "merge-request", id });
    }
  },
};

/**
 * Items of `forge/<slug>/mr-revisions`: immutable revisions. One whose merge request is not
 * cached yet waits for the next sync.
 */
export const revisionSync: DomainSync = {
  needsProject: true,

  async applyItems(context, items) {
    const result = emptyResult();
    const requestsNode = projectNodes(context.slug).mergeRequests;
    const publishers = projectPublishers(context.projectId, await projectAccessModel(context));
    for (const item of items) {
      const publisher = itemPublisher(item);
      const refusal = await publishers.refusal(publisher);
      if (refusal) {
        rejectItem(context, result, item, refusal);
        continue;
      }
      const decoded = decodeRevision(item.element);
      if (!decoded.ok) {
        rejectItem(context, result, item, decoded.reason);
        continue;
      }
      const { revision } = decoded;
      const mergeRequestId = itemKey(context.service, requestsNode, revision.mergeRequest);
      const request = await findMergeRequest(mergeRequestId);
      if (!request) continue;
      // Anyone may add a revision to the revisions node, not only through the merge request.
      const flaggedBy = await flagOfAddition(
        request.firstPublisher,
        publisher,
        publishers.maintainers,
      );
      const created = revision.created ? new Date(revision.created) : new Date();
      await addRevision(
        revisionRecord(
          mergeRequestId,
          revision.revision,
          revision.patch,
          { publisher, flaggedBy },
          Number.isNaN(created.getTime()) ? new Date() : created,
          item.element.toString(),
          context.observedAt ?? new Date(),
        ),
      );
      changeBus().publish({
        projectId: context.projectId,
        kind: "merge-request",
        id: mergeRequestId,
      });
      result.applied++;
    }
    return result;
  },

  // Cached revisions go with their merge request (the cache deletes them with its row).
  async applyRetractions() {},
};

const MERGED = "merged";

/** A merge request cached for the first time, or just merged, for notify.ts. */
function notifiedRequest(record: ReturnType<typeof mergeRequestRecord>, what: "new" | "merge") {
  const path = mergeRequestPath(projectPath(record.projectId), record);
  return {
    projectId: record.projectId,
    // The merge's own key: a merge request merged is told once, whatever versions follow.
    itemId: what === "merge" ? `${record.id}#merged` : record.id,
    target: {
      kind: "merge-request" as const,
      id: record.id,
      number: record.number,
      title: record.title,
      path,
    },
    actor: record.publisher,
    text: what === "new" ? record.bodyMarkdown : "",
    change:
      what === "new" ? { type: "new-item" as const, assignees: [] } : { type: "merge" as const },
    dated: what === "new" ? record.created : record.updated,
  };
}
