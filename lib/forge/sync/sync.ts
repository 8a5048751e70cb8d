import { findProject, upsertProject } from "@/lib/cache/projects";
import {
  countComments,
  deleteComment,
  deleteCommentsOfNode,
  upsertComment,
} from "@/lib/cache/comments";
import {
  deleteTicket,
  findTicketByCommentsUri,
  setCommentCount,
  upsertTickets,
} from "@/lib/cache/tickets";
import { deleteMergeRequest, findMergeRequestByCommentsUri } from "@/lib/cache/merge-requests";
import { changeBus } from "@/lib/events/bus";
import { isFailure } from "@/lib/xmpp/errors";
import { getItems, type IqRequester, type PubsubItem } from "@/lib/xmpp/pubsub";
import type { PubsubEvent } from "@/lib/xmpp/pubsub-event";
import { decodeComment } from "@/lib/forge/comments/codec";
import { itemKey, projectPath } from "@/lib/forge/routes";
import { classifyNode, projectId, projectNodes } from "@/lib/forge/nodes";
import { decodeProjectInfo } from "@/lib/forge/projects/codec";
import { commentRecord, projectRecord, ticketRecord } from "./records";
import { clearRejected, noteRejected, type Rejected } from "./rejections";
import {
  announceMergeRequestComments,
  applyMergeRequestItems,
  applyRevisionItems,
} from "@/lib/forge/merge-requests/sync";
import { decodeTicket } from "@/lib/forge/tickets/codec";
import { applyWikiItems, retractWikiItems } from "@/lib/forge/wiki/sync";
import { formatXmppUri, parseXmppUri } from "@/lib/xmpp/xmpp-uri";

export interface ApplyResult {
  applied: number;
  rejected: Rejected[];
  /** Comments nodes of the tickets applied, for the caller to fetch or subscribe to. */
  commentsNodes: { service: string; node: string }[];
}

/**
 * The one path from pubsub to the cache: items from a fetch or a notification are decoded,
 * upserted with their raw XML, and announced on the change bus.
 */
export async function applyItems(
  service: string,
  node: string,
  items: PubsubItem[],
  options: { accessModel?: string } = {},
): Promise<ApplyResult> {
  const role = classifyNode(node);
  const result: ApplyResult = { applied: 0, rejected: [], commentsNodes: [] };
  if (!role) return result;
  const id =
    role.role === "comments"
      ? await commentsProjectId(service, node, role.slug)
      : projectId(service, role.slug);
  const reject = (item: PubsubItem, reason: string) => {
    const rejected = { node, itemId: item.id, reason };
    result.rejected.push(rejected);
    noteRejected(id, rejected);
    changeBus().publish({ projectId: id, kind: "ticket", id: itemKey(service, node, item.id) });
  };

  if (role.role === "info") {
    for (const item of items) {
      const decoded = item.payload ? decodeProjectInfo(item.payload) : undefined;
      if (!decoded?.ok) {
        reject(item, decoded?.reason ?? "empty item");
        continue;
      }
      const access = options.accessModel ?? decoded.project.access;
      await upsertProject(projectRecord(service, role.slug, decoded.project, item, access));
      changeBus().publish({ projectId: id, kind: "project", id });
      result.applied++;
    }
    return result;
  }

  // Tickets and comments need their project row first (the info item is fetched before them).
  if (!(await findProject(id))) return result;

  if (role.role === "tickets") {
    const records = [];
    for (const item of items) {
      const decoded = decodeTicket(item.element);
      if (!decoded.ok) {
        reject(item, decoded.reason);
        continue;
      }
      clearRejected(id, node, item.id);
      records.push(ticketRecord(id, service, node, item, decoded.ticket));
    }
    await upsertTickets(records);
    for (const record of records) {
      const comments = record.commentsUri ? parseXmppUri(record.commentsUri) : undefined;
      if (comments?.node) result.commentsNodes.push({ service: comments.jid, node: comments.node });
      changeBus().publish({ projectId: id, kind: "ticket", id: record.id });
    }
    result.applied += records.length;
  } else if (role.role === "merge-requests" || role.role === "mr-revisions") {
    const context = {
      projectId: id,
      slug: role.slug,
      service,
      node,
      reject,
      commentsNodes: result.commentsNodes,
    };
    result.applied +=
      role.role === "merge-requests"
        ? await applyMergeRequestItems(context, items)
        : await applyRevisionItems(context, items);
  } else if (role.role === "wiki" || role.role === "wiki-history") {
    const context = { projectId: id, slug: role.slug, service, node, reject };
    result.applied += await applyWikiItems(context, role.role, items);
  } else if (role.role === "comments") {
    for (const item of items) {
      const decoded = decodeComment(item.element);
      if (!decoded.ok) {
        reject(item, decoded.reason);
        continue;
      }
      const record = commentRecord(service, node, item, decoded.comment, {
        projectPath: projectPath(id),
      });
      await upsertComment(record);
      result.applied++;
    }
    if (items.length) await announceComments(id, service, node);
  }
  return result;
}

/**
 * The project a comments node belongs to: that of the ticket or merge request linking to it.
 * The node may sit on another service than the project (see createCommentsNode).
 */
async function commentsProjectId(service: string, node: string, slug: string): Promise<string> {
  const uri = formatXmppUri({ jid: service, node });
  const parent = (await findTicketByCommentsUri(uri)) ?? (await findMergeRequestByCommentsUri(uri));
  return parent?.projectId ?? projectId(service, slug);
}

/** Recounts a comments node and tells the viewers of its ticket or merge request. */
async function announceComments(id: string, service: string, node: string): Promise<void> {
  const uri = formatXmppUri({ jid: service, node });
  const ticket = await findTicketByCommentsUri(uri);
  if (!ticket) {
    await announceMergeRequestComments(id, uri, () => countComments(service, node), node);
    return;
  }
  await setCommentCount(ticket.id, await countComments(service, node));
  changeBus().publish({ projectId: id, kind: "comment", id: node, parentId: ticket.id });
}

export async function applyRetractions(
  service: string,
  node: string,
  ids: string[],
): Promise<void> {
  const role = classifyNode(node);
  if (!role) return;
  const id =
    role.role === "comments"
      ? await commentsProjectId(service, node, role.slug)
      : projectId(service, role.slug);
  if (role.role === "tickets") {
    for (const itemId of ids) {
      clearRejected(id, node, itemId);
      await deleteTicket(itemKey(service, node, itemId));
      changeBus().publish({ projectId: id, kind: "ticket", id: itemKey(service, node, itemId) });
    }
  } else if (role.role === "merge-requests") {
    for (const itemId of ids) {
      await deleteMergeRequest(itemKey(service, node, itemId));
      changeBus().publish({
        projectId: id,
        kind: "merge-request",
        id: itemKey(service, node, itemId),
      });
    }
  } else if (role.role === "wiki" || role.role === "wiki-history") {
    await retractWikiItems({ projectId: id, slug: role.slug, service, node }, role.role, ids);
  } else if (role.role === "comments") {
    for (const itemId of ids) await deleteComment(service, node, itemId);
    await announceComments(id, service, node);
  }
}

export async function applyPubsubEvent(event: PubsubEvent): Promise<ApplyResult | undefined> {
  switch (event.kind) {
    case "items":
      return applyItems(event.service, event.node, event.items);
    case "retract":
      await applyRetractions(event.service, event.node, event.ids);
      return undefined;
    case "purge":
    case "delete":
      if (classifyNode(event.node)?.role === "comments") {
        await deleteCommentsOfNode(event.service, event.node);
      }
      return undefined;
  }
}

export interface SyncReport {
  tickets: number;
  mergeRequests: number;
  comments: number;
  rejected: Rejected[];
  commentsNodes: { service: string; node: string }[];
}

/**
 * Refills the cache of one project from pubsub alone: info, then tickets, then each ticket's
 * comments. `reader` is whoever may read the project (the instance, or a member's session).
 */
export async function syncProject(
  reader: IqRequester,
  service: string,
  slug: string,
  options: { accessModel?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<SyncReport> {
  const nodes = projectNodes(slug);
  const info = await getItems(reader, service, nodes.info, { ids: ["info"] });
  const infoResult = await applyItems(service, nodes.info, info, options);
  if (infoResult.applied === 0) {
    throw new Error(infoResult.rejected[0]?.reason ?? `no project “${slug}” on ${service}`);
  }
  const tickets = await applyItems(
    service,
    nodes.tickets,
    await getItems(reader, service, nodes.tickets),
  );
  // Merge requests, then their revisions (which need the merge request row). A project made
  // before Pubforge had merge requests may lack these nodes: that is not an error.
  const requests = await applyOptionalNode(reader, service, nodes.mergeRequests);
  const revisions = await applyOptionalNode(reader, service, nodes.mergeRequestRevisions);
  // The wiki, likewise absent from projects made before it existed.
  const wiki = await applyOptionalNode(reader, service, nodes.wiki);
  const wikiHistory = await applyOptionalNode(reader, service, nodes.wikiHistory);
  const commentsNodes = [...tickets.commentsNodes, ...requests.commentsNodes];
  const report: SyncReport = {
    tickets: tickets.applied,
    mergeRequests: requests.applied,
    comments: 0,
    rejected: [
      ...infoResult.rejected,
      ...tickets.rejected,
      ...requests.rejected,
      ...revisions.rejected,
      ...wiki.rejected,
      ...wikiHistory.rejected,
    ],
    commentsNodes,
  };
  let done = 0;
  await forEachLimited(commentsNodes, 8, async ({ service: commentsService, node }) => {
    try {
      const items = await getItems(reader, commentsService, node);
      const applied = await applyItems(commentsService, node, items);
      report.comments += applied.applied;
      report.rejected.push(...applied.rejected);
    } catch {
      // A comments node that vanished or sits on an unreachable server: the ticket still shows.
    }
    options.onProgress?.(++done, commentsNodes.length);
  });
  return report;
}

async function applyOptionalNode(
  reader: IqRequester,
  service: string,
  node: string,
): Promise<ApplyResult> {
  try {
    return await applyItems(service, node, await getItems(reader, service, node));
  } catch (error) {
    if (isFailure(error, "item-not-found")) {
      return { applied: 0, rejected: [], commentsNodes: [] };
    }
    throw error;
  }
}

async function forEachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
