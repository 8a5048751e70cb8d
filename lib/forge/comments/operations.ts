import { randomBytes } from "node:crypto";
import type { Element } from "@xmpp/xml";
import { z } from "zod";
import { findComment } from "@/lib/cache/comments";
import { findMergeRequest, findMergeRequestByCommentsUri } from "@/lib/cache/merge-requests";
import { findTicket, findTicketByCommentsUri } from "@/lib/cache/tickets";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { splitJid } from "@/lib/xmpp/jid";
import { getItems } from "@/lib/xmpp/pubsub";
import {
  CommentAnchorSchema,
  decodeComment,
  editComment as editedEntry,
  encodeComment,
  encodeEventEntry,
} from "./codec";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { refuseIfLocked } from "@/lib/forge/moderation/thread-lock";
import type { TimelineEvent } from "./timeline-event";
import { formatXmppUri, parseXmppUri } from "@/lib/xmpp/xmpp-uri";

export const CommentTextSchema = z
  .string()
  .trim()
  .min(1, "Write something first")
  .max(50_000, "The comment is too long (50,000 characters at most)");

/** Adds a markdown comment to the XEP-0277 comments node of a ticket or merge request. */
export async function addComment(
  viewer: Viewer,
  parentId: string,
  markdown: unknown,
  anchor?: unknown,
): Promise<void> {
  const text = CommentTextSchema.parse(markdown);
  const where = anchor === undefined ? undefined : CommentAnchorSchema.parse(anchor);
  const parent = (await findTicket(parentId)) ?? (await findMergeRequest(parentId));
  const address = parent?.commentsUri ? parseXmppUri(parent.commentsUri) : undefined;
  if (!address?.node) {
    throw new ForgeError("no-comments-node");
  }
  await refuseIfLocked(viewer, parent!.projectId, { jid: address.jid, node: address.node });
  const now = new Date().toISOString();
  await publishEntry(viewer, { jid: address.jid, node: address.node }, (id) =>
    encodeComment({
      markdown: text,
      authorName: splitJid(viewer.jid).local,
      authorJid: viewer.jid,
      published: now,
      updated: now,
      id,
      anchor: where,
    }),
  );
}

/**
 * Records changes to a ticket in its comments node, as entries the editor publishes (see
 * timeline-event.ts). A ticket without a comments node has no timeline to add them to.
 */
export async function addTimelineEvents(
  viewer: Viewer,
  commentsUri: string | undefined,
  events: readonly TimelineEvent[],
): Promise<void> {
  const address = commentsUri ? parseXmppUri(commentsUri) : undefined;
  if (!address?.node) return;
  const start = Date.now();
  for (const [index, event] of events.entries()) {
    // A millisecond apart, so that readers sorting by date keep them in the form's order.
    const published = new Date(start + index).toISOString();
    await publishEntry(viewer, { jid: address.jid, node: address.node }, (id) =>
      encodeEventEntry({
        event,
        authorName: splitJid(viewer.jid).local,
        authorJid: viewer.jid,
        published,
        id,
      }),
    );
  }
}

/** Publishes a new entry under a fresh item id (its Atom id is the item's URI, as Libervia's). */
export async function publishEntry(
  viewer: Viewer,
  address: { jid: string; node: string },
  entryWithId: (id: string) => Element,
): Promise<void> {
  const itemId = randomBytes(9).toString("base64url");
  const entry = entryWithId(formatXmppUri({ ...address, item: itemId }));
  await publishAndApply(viewer, address.jid, address.node, entry, { itemId });
}

/** Only the comment's publisher may edit it (the service would let an open node's anyone). */
export async function editComment(
  viewer: Viewer,
  commentId: string,
  markdown: unknown,
): Promise<void> {
  const text = CommentTextSchema.parse(markdown);
  const cached = await findComment(commentId);
  if (!cached) throw new ForgeError("item-gone", { item: "comment", where: "cache" });
  if (cached.publisher !== viewer.jid) throw new ForgeError("not-comment-author");
  const uri = formatXmppUri({ jid: cached.service, node: cached.node });
  const parent = (await findTicketByCommentsUri(uri)) ?? (await findMergeRequestByCommentsUri(uri));
  if (parent)
    await refuseIfLocked(viewer, parent.projectId, { jid: cached.service, node: cached.node });
  const [item] = await getItems(viewer.session, cached.service, cached.node, {
    ids: [cached.itemId],
  });
  const decoded = item ? decodeComment(item.element) : undefined;
  if (!decoded?.ok) throw new ForgeError("item-gone", { item: "comment", where: "service" });
  const entry = editedEntry(decoded.comment, { markdown: text, updated: new Date().toISOString() });
  await publishAndApply(viewer, cached.service, cached.node, entry, { itemId: cached.itemId });
}
