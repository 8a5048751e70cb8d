import {
  addRevision,
  deleteMergeRequest,
  findMergeRequest,
  upsertMergeRequest,
} from "@/lib/cache/merge-requests";
import { changeBus } from "@/lib/events/bus";
import { projectNodes } from "@/lib/forge/nodes";
import {
  type DomainSync,
  emptyResult,
  keepAcceptedThread,
  projectAccessModel,
  rejectItem,
} from "@/lib/forge/sync/domain";
import { itemKey } from "@/lib/forge/routes";
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
    for (const item of items) {
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
      );
      const thread = keepAcceptedThread(record, project);
      await upsertMergeRequest(record);
      await addRevision(
        revisionRecord(
          record.id,
          record.revision,
          record.patch,
          record.publisher,
          record.updated,
          record.rawXml,
        ),
      );
      if (thread) result.commentsNodes.push(thread);
      changeBus().publish({ projectId: context.projectId, kind: "merge-request", id: record.id });
      result.applied++;
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
    for (const item of items) {
      const decoded = decodeRevision(item.element);
      if (!decoded.ok) {
        rejectItem(context, result, item, decoded.reason);
        continue;
      }
      const { revision } = decoded;
      const mergeRequestId = itemKey(context.service, requestsNode, revision.mergeRequest);
      if (!(await findMergeRequest(mergeRequestId))) continue;
      const created = revision.created ? new Date(revision.created) : new Date();
      await addRevision(
        revisionRecord(
          mergeRequestId,
          revision.revision,
          revision.patch,
          item.publisher ?? "",
          Number.isNaN(created.getTime()) ? new Date() : created,
          item.element.toString(),
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
