import {
  commentItemIds,
  countComments,
  deleteComment,
  deleteCommentsOfNode,
  upsertComment,
} from "@/lib/cache/comments";
import {
  findMergeRequestByCommentsUri,
  setMergeRequestCommentCount,
} from "@/lib/cache/merge-requests";
import { findTicketByCommentsUri, setCommentCount } from "@/lib/cache/tickets";
import { changeBus } from "@/lib/events/bus";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { itemKey, mergeRequestPath, projectPath, ticketPath } from "@/lib/forge/routes";
import type { AppliedItem } from "@/lib/forge/notifications/derive";
import { notifyApplied } from "@/lib/forge/notifications/notify";
import { recordMentions, type MentioningText } from "@/lib/forge/items/backlinks";
import { deleteReferences } from "@/lib/cache/references";
import { projectId } from "@/lib/forge/nodes";
import {
  type DomainSync,
  emptyResult,
  projectAccessModel,
  rejectItem,
  type SyncContext,
} from "@/lib/forge/sync/domain";
import { projectPublishers } from "@/lib/forge/items/publishers";
import { itemPublisher } from "@/lib/forge/items/record-fields";
import { recountUnresolvedThreads } from "@/lib/forge/merge-requests/threads";
import { decodeComment } from "./codec";
import { commentRecord } from "./records";

/** Items of the XEP-0277 comments node of one ticket or merge request. */
export const commentSync: DomainSync = {
  needsProject: true,

  /**
   * That of the ticket or merge request linking to the node, which may sit on another service
   * than the project (see createCommentsNode).
   */
  async projectIdOf(service, node, slug) {
    return (await parentOf({ service, node }))?.projectId ?? projectId(service, slug);
  },

  async applyItems(context, items) {
    const result = emptyResult();
    const parentRow = await parentOf(context);
    const parent = parentRow?.source;
    const mentions: MentioningText[] = [];
    const cached = new Set(items.length ? await commentItemIds(context.service, context.node) : []);
    const applied: (AppliedItem & { dated: Date })[] = [];
    const publishers = projectPublishers(context.projectId, await projectAccessModel(context));
    for (const item of items) {
      const refusal = await publishers.refusal(itemPublisher(item));
      if (refusal) {
        rejectItem(context, result, item, refusal);
        continue;
      }
      const decoded = decodeComment(item.element);
      if (!decoded.ok) {
        rejectItem(context, result, item, decoded.reason);
        continue;
      }
      const record = commentRecord(
        context.service,
        context.node,
        item,
        decoded.comment,
        { projectPath: projectPath(context.projectId) },
        context.observedAt,
      );
      await upsertComment(record);
      if (parent) {
        const text = decoded.comment.markdown ?? decoded.comment.text;
        mentions.push({ fromId: record.id, publisher: record.publisher, source: parent, text });
        if (!cached.has(item.id)) {
          applied.push({
            projectId: context.projectId,
            itemId: record.id,
            target: parentRow.target,
            actor: record.publisher,
            text: decoded.comment.event ? "" : text,
            change: decoded.comment.event
              ? { type: "timeline", event: decoded.comment.event }
              : decoded.comment.verdict
                ? { type: "verdict", verdict: decoded.comment.verdict }
                : { type: "comment" },
            dated: record.published,
          });
        }
      }
      result.applied++;
    }
    await recordMentions(context.projectId, mentions);
    if (items.length) await announceComments(context);
    await notifyApplied(applied);
    return result;
  },

  async applyRetractions(context, itemIds) {
    for (const itemId of itemIds) await deleteComment(context.service, context.node, itemId);
    await deleteReferences({
      fromIds: itemIds.map((itemId) => itemKey(context.service, context.node, itemId)),
    });
    await announceComments(context);
  },

  async applyPurge(context) {
    await deleteCommentsOfNode(context.service, context.node);
    await deleteReferences({ fromPrefix: itemKey(context.service, context.node, "") });
    await announceComments(context);
  },
};

/** The ticket or merge request whose `comments_uri` names the node, if cached. */
async function parentOf({ service, node }: { service: string; node: string }) {
  const uri = formatXmppUri({ jid: service, node });
  const ticket = await findTicketByCommentsUri(uri);
  const request = ticket ? undefined : await findMergeRequestByCommentsUri(uri);
  const row = ticket ?? request;
  if (!row) return undefined;
  const source: MentioningText["source"] = {
    kind: ticket ? "ticket" : "merge-request",
    id: row.id,
    number: row.number,
  };
  const base = projectPath(row.projectId);
  const path = (ticket ? ticketPath : mergeRequestPath)(base, row);
  const target: AppliedItem["target"] = { ...source, title: row.title, path };
  return { projectId: row.projectId, source, target };
}

/**
 * Recounts a comments node and tells the viewers of its ticket or merge request (also when a
 * block or lock changes which of its comments are shown).
 */
export async function announceComments({
  projectId,
  service,
  node,
}: Pick<SyncContext, "projectId" | "service" | "node">): Promise<void> {
  const uri = formatXmppUri({ jid: service, node });
  const ticket = await findTicketByCommentsUri(uri);
  if (ticket) {
    await setCommentCount(ticket.id, await countComments(projectId, service, node));
    changeBus().publish({ projectId, kind: "comment", id: node, parentId: ticket.id });
    return;
  }
  const request = await findMergeRequestByCommentsUri(uri);
  if (!request) return;
  await setMergeRequestCommentCount(request.id, await countComments(projectId, service, node));
  await recountUnresolvedThreads(request);
  changeBus().publish({ projectId, kind: "comment", id: node, parentId: request.id });
}
