import { z } from "zod";
import { findComment } from "@/lib/cache/comments";
import { findMergeRequest, findMergeRequestByCommentsUri } from "@/lib/cache/merge-requests";
import { findTicket, findTicketByCommentsUri } from "@/lib/cache/tickets";
import { ForgeError } from "@/lib/forge/errors";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import type { ModeratedProject } from "./rights";

export const ModeratedKindSchema = z.enum(["ticket", "merge-request", "comment"]);
export type ModeratedKind = z.infer<typeof ModeratedKindSchema>;

/** An item moderation acts on, where it lives, and how the log names it. */
export interface ModeratedItem {
  service: string;
  node: string;
  itemId: string;
  what: string;
}

interface TrackerItem {
  id: string;
  projectId: string;
  number: number | null;
  itemId: string;
  title: string;
}

function trackerItemName(kind: "ticket" | "merge-request", item: TrackerItem): string {
  const number =
    item.number === null ? item.itemId : `${kind === "ticket" ? "#" : "!"}${item.number}`;
  return `${kind === "ticket" ? "ticket" : "merge request"} ${number} “${item.title}”`;
}

/**
 * The ticket or merge request whose thread a comments node is (the thread may live on another
 * service than the project, see createCommentsNode), if it is one of this project's.
 */
export async function parentOfThread(
  project: ModeratedProject,
  service: string,
  node: string,
): Promise<{ id: string; what: string } | undefined> {
  const uri = formatXmppUri({ jid: service, node });
  const ticket = await findTicketByCommentsUri(uri);
  if (ticket?.projectId === project.id)
    return { id: ticket.id, what: trackerItemName("ticket", ticket) };
  const request = await findMergeRequestByCommentsUri(uri);
  if (request?.projectId === project.id) {
    return { id: request.id, what: trackerItemName("merge-request", request) };
  }
  return undefined;
}

/** A ticket or merge request of this project, with its thread. */
export async function trackerItemOfProject(
  project: ModeratedProject,
  id: string,
): Promise<TrackerItem & { kind: "ticket" | "merge-request"; commentsUri: string; what: string }> {
  const ticket = await findTicket(id);
  const request = ticket ? undefined : await findMergeRequest(id);
  const found = ticket ?? request;
  if (!found) throw new ForgeError("item-gone", { item: "ticket", where: "cache" });
  if (found.projectId !== project.id) throw new ForgeError("not-in-project");
  const kind = ticket ? "ticket" : "merge-request";
  return { ...found, kind, what: trackerItemName(kind, found) };
}

/** The item a maintainer wants gone, which must be one of this project's. */
export async function itemOfProject(
  project: ModeratedProject,
  kind: ModeratedKind,
  id: string,
): Promise<ModeratedItem> {
  if (kind === "comment") {
    const comment = await findComment(id);
    if (!comment) throw new ForgeError("item-gone", { item: "comment", where: "cache" });
    const parent = await parentOfThread(project, comment.service, comment.node);
    if (!parent) throw new ForgeError("not-in-project");
    const by = comment.publisher || comment.authorName || "someone";
    return { ...comment, what: `comment by ${by} on ${parent.what}` };
  }
  const item = kind === "ticket" ? await findTicket(id) : await findMergeRequest(id);
  if (!item) throw new ForgeError("item-gone", { item: kind, where: "cache" });
  if (item.projectId !== project.id) throw new ForgeError("not-in-project");
  return { ...item, what: trackerItemName(kind, item) };
}
