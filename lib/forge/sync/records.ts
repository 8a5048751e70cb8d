import type {
  Comment as CommentRow,
  MergeRequestRevision as RevisionRow,
} from "@/lib/generated/prisma/client";
import type { MergeRequestRecord } from "@/lib/cache/merge-requests";
import type { TicketRecord } from "@/lib/cache/ticket-record";
import type { ProjectRecord } from "@/lib/cache/projects";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { bareJid } from "@/lib/xmpp/jid";
import { xmlString } from "@/lib/xmpp/xml-string";
import type { Comment } from "@/lib/forge/comments/codec";
import { seriesLineCounts } from "@/lib/scm/line-counts";
import { itemKey, normalizeNodeUri, projectPath } from "@/lib/forge/routes";
import { renderMarkdown, type RenderOptions, sanitizeXhtml } from "@/lib/forge/markdown";
import type { ProjectInfo } from "@/lib/forge/projects/codec";
import type { MergeRequest } from "@/lib/forge/merge-requests/codec";
import { decodeTicket, type Ticket } from "@/lib/forge/tickets/codec";
import { parseXml } from "@/lib/xmpp/xml";

const publisher = (item: PubsubItem) => (item.publisher ? bareJid(item.publisher) : "");

function toDate(iso: string | undefined, fallback: Date): Date {
  const date = iso ? new Date(iso) : fallback;
  return Number.isNaN(date.getTime()) ? fallback : date;
}

/** Markdown source wins (Pubforge wrote it); otherwise the XHTML Libervia shows, sanitised. */
function bodyHtml(item: Pick<Ticket, "bodyMarkdown" | "body">, options: RenderOptions): string {
  if (item.bodyMarkdown !== undefined) return renderMarkdown(item.bodyMarkdown, options);
  if (item.body?.kind === "xhtml") return sanitizeXhtml(item.body.div, options);
  if (item.body?.kind === "text") return renderMarkdown(item.body.text, options);
  return "";
}

/** What every tracker item's row has, tickets and merge requests alike. */
function trackerItemFields(
  projectId: string,
  service: string,
  node: string,
  item: PubsubItem,
  fields: Pick<
    Ticket,
    "author" | "authorJid" | "title" | "status" | "commentsUri" | "created" | "updated"
  >,
  now: Date,
) {
  const created = toDate(fields.created, now);
  return {
    id: itemKey(service, node, item.id),
    projectId,
    service,
    node,
    itemId: item.id,
    publisher: publisher(item),
    // See TicketRecord: the publisher stands in for an author only on a new row.
    authorJid: fields.authorJid ?? publisher(item),
    keepAuthorJid: fields.authorJid === undefined,
    author: fields.author ?? "",
    title: fields.title || "(untitled)",
    status: fields.status,
    commentsUri: normalizeNodeUri(fields.commentsUri),
    created,
    updated: toDate(fields.updated, created),
    rawXml: xmlString(item.element),
  };
}

/**
 * A ticket's cache row. The body is not rendered here: rendering markdown costs about a
 * millisecond, which would dominate a sync of thousands of tickets; pages render the one they
 * show (ticketBodyHtml). Search needs only the words.
 */
export function ticketRecord(
  projectId: string,
  service: string,
  node: string,
  item: PubsubItem,
  ticket: Ticket,
  now = new Date(),
): TicketRecord {
  const bodyText =
    ticket.bodyMarkdown ??
    (ticket.body?.kind === "xhtml"
      ? ticket.body.div.toString().replace(/<[^>]+>/g, " ")
      : (ticket.body?.text ?? ""));
  return {
    ...trackerItemFields(projectId, service, node, item, ticket, now),
    type: ticket.type,
    priority: ticket.priority,
    labels: JSON.stringify(ticket.labels),
    assignees: JSON.stringify(ticket.assignees),
    milestone: ticket.milestone ?? "",
    bodyMarkdown: ticket.bodyMarkdown ?? "",
    bodyHtml: "",
    searchText: [ticket.title, bodyText, ...ticket.labels].join("\n").toLowerCase(),
    number: ticket.number ?? null,
  };
}

/** The sanitised HTML of a cached ticket's body, rendered when a page shows it. */
export function ticketBodyHtml(row: {
  bodyHtml: string;
  rawXml: string;
  projectId: string;
}): string {
  if (row.bodyHtml) return row.bodyHtml;
  const decoded = decodeTicket(parseXml(row.rawXml));
  return decoded.ok ? bodyHtml(decoded.ticket, { projectPath: projectPath(row.projectId) }) : "";
}

export function commentRecord(
  service: string,
  node: string,
  item: PubsubItem,
  comment: Comment,
  render: RenderOptions = {},
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
    event: comment.event ? JSON.stringify(comment.event) : null,
    contentMarkdown: comment.markdown ?? "",
    contentHtml:
      comment.markdown !== undefined
        ? renderMarkdown(comment.markdown, render)
        : comment.xhtml
          ? sanitizeXhtml(comment.xhtml, render)
          : renderMarkdown(comment.text, render),
    published,
    updated: toDate(comment.updated, published),
    rawXml: xmlString(item.element),
    anchorFile: comment.anchor?.file ?? null,
    anchorSide: comment.anchor?.side ?? null,
    anchorLine: comment.anchor?.line ?? null,
    anchorRevision: comment.anchor?.revision ?? null,
  };
}

export function projectRecord(
  service: string,
  slug: string,
  info: ProjectInfo,
  item: PubsubItem,
  accessModel: string = info.access,
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
    rawXml: xmlString(item.element),
  };
}

export function mergeRequestRecord(
  projectId: string,
  service: string,
  node: string,
  item: PubsubItem,
  request: MergeRequest,
  now = new Date(),
): MergeRequestRecord {
  const lines = seriesLineCounts(request.patch);
  return {
    ...trackerItemFields(projectId, service, node, item, request, now),
    labels: JSON.stringify(request.labels),
    scm: request.scm ?? "git",
    bodyMarkdown: request.bodyMarkdown ?? "",
    bodyHtml: bodyHtml(request, { projectPath: projectPath(projectId) }),
    revision: request.revision,
    sourceUrl: request.sourceUrl ?? "",
    sourceRef: request.sourceRef ?? "",
    targetBranch: request.targetBranch ?? "",
    mergedRevisions: JSON.stringify(request.mergedRevisions),
    patch: request.patch,
    number: request.number ?? null,
    linesAdded: lines.added,
    linesRemoved: lines.removed,
  };
}

export function revisionRecord(
  mergeRequestId: string,
  revision: number,
  patch: string,
  publisher: string,
  created: Date,
  rawXml: string,
): RevisionRow {
  return {
    id: `${mergeRequestId}#${revision}`,
    mergeRequestId,
    revision,
    patch,
    publisher,
    created,
    rawXml,
  };
}
