import { z } from "zod";
import { findComment, listComments } from "@/lib/cache/comments";
import { findMergeRequestByCommentsUri } from "@/lib/cache/merge-requests";
import { findTicketByCommentsUri } from "@/lib/cache/tickets";
import type { Comment } from "@/lib/generated/prisma/client";
import { ForgeError } from "@/lib/forge/errors";
import { resolutionRights } from "@/lib/forge/merge-requests/threads";
import { refuseIfLocked } from "@/lib/forge/moderation/thread-lock";
import type { Viewer } from "@/lib/forge/viewer";
import { splitJid } from "@/lib/xmpp/jid";
import { parseXml } from "@/lib/xmpp/xml";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { decodeComment, encodeComment, encodeResolutionEntry } from "./codec";
import { CommentTextSchema, publishEntry } from "./operations";
import { RESOLUTION_STATES, type InReplyTo } from "./thread-codec";
import { buildThreads, mayResolve } from "./threads";

const CommentIdSchema = z.string().min(1).max(3000);

/** The cached comment, its ticket or merge request, and the thread it is in. */
async function threadOf(viewer: Viewer, commentId: unknown) {
  const comment = await findComment(CommentIdSchema.parse(commentId));
  if (!comment) throw new ForgeError("item-gone", { item: "comment", where: "cache" });
  const uri = formatXmppUri({ jid: comment.service, node: comment.node });
  const request = await findMergeRequestByCommentsUri(uri);
  const parent = request ?? (await findTicketByCommentsUri(uri));
  if (!parent) throw new ForgeError("item-gone", { item: "comment", where: "cache" });
  await refuseIfLocked(viewer, parent.projectId, { jid: comment.service, node: comment.node });
  const rights = request
    ? await resolutionRights(request)
    : { mergeRequestAuthor: "", maintainers: new Set<string>() };
  const threads = buildThreads(
    await listComments(parent.projectId, comment.service, comment.node),
    rights,
  );
  const thread = threads.find(
    (each) => each.root.id === comment.id || each.replies.some((reply) => reply.id === comment.id),
  );
  if (!thread) throw new ForgeError("item-gone", { item: "comment", where: "cache" });
  return { thread, rights, address: { jid: comment.service, node: comment.node } };
}

/** Where a reply points: the thread's first comment, by its Atom id and its item's URI. */
function replyTarget(root: Comment): InReplyTo {
  const href = formatXmppUri({ jid: root.service, node: root.node, item: root.itemId });
  let atomId: string | undefined;
  try {
    const decoded = decodeComment(parseXml(root.rawXml));
    atomId = decoded.ok ? decoded.comment.id : undefined;
  } catch {
    atomId = undefined;
  }
  return { ref: atomId ?? href, href };
}

/**
 * Answers a comment: the reply joins the thread of the comment (flat, as GitLab's), so it
 * points at the thread's first comment whichever comment of it was answered.
 */
export async function replyToComment(
  viewer: Viewer,
  commentId: unknown,
  markdown: unknown,
): Promise<void> {
  const text = CommentTextSchema.parse(markdown);
  const { thread, address } = await threadOf(viewer, commentId);
  const now = new Date().toISOString();
  await publishEntry(viewer, address, (id) =>
    encodeComment({
      markdown: text,
      authorName: splitJid(viewer.jid).local,
      authorJid: viewer.jid,
      published: now,
      updated: now,
      id,
      inReplyTo: replyTarget(thread.root),
    }),
  );
}

/**
 * Resolves or reopens an inline thread of a merge request with a resolution entry. Refused
 * early to whoever it would not count for; anyone's entry could be published, but it would be
 * shown as a comment and change nothing.
 */
export async function setThreadResolution(
  viewer: Viewer,
  commentId: unknown,
  state: unknown,
): Promise<void> {
  const resolution = z.enum(RESOLUTION_STATES).parse(state);
  const { thread, rights, address } = await threadOf(viewer, commentId);
  if (!thread.resolvable) throw new ForgeError("not-resolvable");
  if (!mayResolve(viewer.jid, thread.root, rights)) throw new ForgeError("may-not-resolve");
  const now = new Date().toISOString();
  await publishEntry(viewer, address, (id) =>
    encodeResolutionEntry({
      resolution: { thread: thread.root.itemId, state: resolution },
      inReplyTo: replyTarget(thread.root),
      authorName: splitJid(viewer.jid).local,
      authorJid: viewer.jid,
      published: now,
      id,
    }),
  );
}
