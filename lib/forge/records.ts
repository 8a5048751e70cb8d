import type { Comment as CommentRow } from "@/lib/generated/prisma/client";
import type { TicketRecord } from "@/lib/cache/tickets";
import type { ProjectRecord } from "@/lib/cache/projects";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import type { Comment } from "./comment-codec";
import { renderMarkdown, sanitizeXhtml } from "./markdown";
import type { ProjectInfo } from "./project-codec";
import type { Ticket } from "./ticket-codec";
import { formatXmppUri, parseXmppUri } from "./xmpp-uri";

/** Cache ids name where an item lives: service, node and item id. */
export function itemKey(service: string, node: string, itemId: string): string {
  return `${service}/${node}/${itemId}`;
}

/** One spelling per node, whatever percent-encoding the writer chose. */
export function normalizeNodeUri(uri: string | undefined): string {
  const address = uri ? parseXmppUri(uri) : undefined;
  return address?.node ? formatXmppUri({ jid: address.jid, node: address.node }) : "";
}

function toDate(iso: string | undefined, fallback: Date): Date {
  const date = iso ? new Date(iso) : fallback;
  return Number.isNaN(date.getTime()) ? fallback : date;
}

/** Markdown source wins (Pubforge wrote it); otherwise the XHTML Libervia shows, sanitised. */
function ticketBodyHtml(ticket: Ticket): string {
  if (ticket.bodyMarkdown !== undefined) return renderMarkdown(ticket.bodyMarkdown);
  if (ticket.body?.kind === "xhtml") return sanitizeXhtml(ticket.body.div);
  if (ticket.body?.kind === "text") return renderMarkdown(ticket.body.text);
  return "";
}

export function ticketRecord(
  projectId: string,
  service: string,
  node: string,
  item: PubsubItem,
  ticket: Ticket,
  now = new Date(),
): TicketRecord {
  const bodyHtml = ticketBodyHtml(ticket);
  const bodyText = ticket.bodyMarkdown ?? bodyHtml.replace(/<[^>]+>/g, " ");
  const created = toDate(ticket.created, now);
  return {
    id: itemKey(service, node, item.id),
    projectId,
    service,
    node,
    itemId: item.id,
    publisher: item.publisher ?? "",
    author: ticket.author ?? "",
    title: ticket.title || "(untitled)",
    status: ticket.status,
    type: ticket.type,
    priority: ticket.priority,
    labels: JSON.stringify(ticket.labels),
    assignees: JSON.stringify(ticket.assignees),
    milestone: ticket.milestone ?? "",
    bodyMarkdown: ticket.bodyMarkdown ?? "",
    bodyHtml,
    searchText: [ticket.title, bodyText, ...ticket.labels].join("\n").toLowerCase(),
    commentsUri: normalizeNodeUri(ticket.commentsUri),
    created,
    updated: toDate(ticket.updated, created),
    rawXml: item.element.toString(),
  };
}

export function commentRecord(
  service: string,
  node: string,
  item: PubsubItem,
  comment: Comment,
  now = new Date(),
): CommentRow {
  const published = toDate(comment.published, now);
  return {
    id: itemKey(service, node, item.id),
    service,
    node,
    itemId: item.id,
    publisher: item.publisher ?? "",
    authorName: comment.authorName ?? "",
    contentMarkdown: comment.markdown ?? "",
    contentHtml:
      comment.markdown !== undefined
        ? renderMarkdown(comment.markdown)
        : comment.xhtml
          ? sanitizeXhtml(comment.xhtml)
          : renderMarkdown(comment.text),
    published,
    updated: toDate(comment.updated, published),
    rawXml: item.element.toString(),
  };
}

export function projectRecord(
  service: string,
  slug: string,
  info: ProjectInfo,
  item: PubsubItem,
  accessModel: string,
): ProjectRecord {
  return {
    id: `${service}/${slug}`,
    service,
    slug,
    name: info.name,
    description: info.description,
    scm: info.scm,
    cloneUrl: info.cloneUrl,
    defaultBranch: info.defaultBranch,
    accessModel,
    rawXml: item.element.toString(),
  };
}
