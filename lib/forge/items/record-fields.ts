import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { bareJid } from "@/lib/xmpp/jid";
import { xmlString } from "@/lib/xmpp/xml-string";
import { renderMarkdown, type RenderOptions, sanitizeXhtml } from "@/lib/forge/markdown";
import { itemKey, normalizeNodeUri } from "@/lib/forge/routes";
import type { Ticket } from "@/lib/forge/tickets/codec";

// What the cache rows of the domains (tickets, merge requests, comments, wiki) build alike.

/** Resources differ between a session's publish and the service's report of it. */
export const itemPublisher = (item: PubsubItem) => (item.publisher ? bareJid(item.publisher) : "");

/** A date a writer put in its item; an unreadable or missing one falls back. */
export function toDate(iso: string | undefined, fallback: Date): Date {
  const date = iso ? new Date(iso) : fallback;
  return Number.isNaN(date.getTime()) ? fallback : date;
}

/** Markdown source wins (Pubforge wrote it); otherwise the XHTML Libervia shows, sanitised. */
export function bodyHtml(
  item: Pick<Ticket, "bodyMarkdown" | "body">,
  options: RenderOptions,
): string {
  if (item.bodyMarkdown !== undefined) return renderMarkdown(item.bodyMarkdown, options);
  if (item.body?.kind === "xhtml") return sanitizeXhtml(item.body.div, options);
  if (item.body?.kind === "text") return renderMarkdown(item.body.text, options);
  return "";
}

/** What every tracker item's row has, tickets and merge requests alike. */
export function trackerItemFields(
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
  const publisher = itemPublisher(item);
  return {
    id: itemKey(service, node, item.id),
    projectId,
    service,
    node,
    itemId: item.id,
    publisher,
    // As for a new item; the sync judges a later version against the stored row (versions.ts).
    firstPublisher: publisher,
    flaggedBy: "",
    versionSeenAt: now as Date | null,
    observedAt: now as Date | null,
    // See TicketRecord: the publisher stands in for an author only on a new row.
    authorJid: fields.authorJid ?? itemPublisher(item),
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
