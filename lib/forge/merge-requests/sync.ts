import {
  addRevision,
  findMergeRequest,
  findMergeRequestByCommentsUri,
  setMergeRequestCommentCount,
  upsertMergeRequest,
} from "@/lib/cache/merge-requests";
import { changeBus } from "@/lib/events/bus";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { decodeMergeRequest } from "./codec";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";
import { mergeRequestRecord, revisionRecord } from "@/lib/forge/sync/records";
import { decodeRevision } from "./revision-codec";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";

/** What applyItems hands over: the project, and how to report an unreadable item. */
export interface ApplyContext {
  projectId: string;
  slug: string;
  service: string;
  node: string;
  reject(item: PubsubItem, reason: string): void;
  commentsNodes: { service: string; node: string }[];
}

/**
 * Merge request items. The item holds the latest series; when its revision is not cached yet
 * (a Libervia merge request, which has no revisions node) that series becomes the revision.
 */
export async function applyMergeRequestItems(
  context: ApplyContext,
  items: PubsubItem[],
): Promise<number> {
  let applied = 0;
  for (const item of items) {
    const decoded = decodeMergeRequest(item.element);
    if (!decoded.ok) {
      context.reject(item, decoded.reason);
      continue;
    }
    const record = mergeRequestRecord(
      context.projectId,
      context.service,
      context.node,
      item,
      decoded.mergeRequest,
    );
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
    const comments = record.commentsUri ? parseXmppUri(record.commentsUri) : undefined;
    if (comments?.node) context.commentsNodes.push({ service: comments.jid, node: comments.node });
    changeBus().publish({ projectId: context.projectId, kind: "merge-request", id: record.id });
    applied++;
  }
  return applied;
}

/** Immutable revisions; one whose merge request is not cached yet waits for the next sync. */
export async function applyRevisionItems(
  context: ApplyContext,
  items: PubsubItem[],
): Promise<number> {
  let applied = 0;
  const requestsNode = projectNodes(context.slug).mergeRequests;
  for (const item of items) {
    const decoded = decodeRevision(item.element);
    if (!decoded.ok) {
      context.reject(item, decoded.reason);
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
    applied++;
  }
  return applied;
}

/** Comment counts of merge requests, as announceComments does for tickets. */
export async function announceMergeRequestComments(
  projectId: string,
  commentsUri: string,
  count: () => Promise<number>,
  node: string,
): Promise<boolean> {
  const request = await findMergeRequestByCommentsUri(commentsUri);
  if (!request) return false;
  await setMergeRequestCommentCount(request.id, await count());
  changeBus().publish({ projectId, kind: "comment", id: node, parentId: request.id });
  return true;
}
