import {
  deleteWikiPage,
  deleteWikiRevision,
  upsertWikiPage,
  upsertWikiRevision,
  type WikiPageRecord,
  type WikiRevisionRecord,
} from "@/lib/cache/wiki";
import { changeBus } from "@/lib/events/bus";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { bareJid } from "@/lib/xmpp/jid";
import { itemKey, wikiPageKey } from "@/lib/forge/routes";
import { clearRejected } from "@/lib/forge/sync/rejections";
import { decodeWikiItem, parseHistoryItemId, type WikiPage } from "./codec";

/** What applyItems hands over: the project, and how to report an unreadable item. */
export interface WikiApplyContext {
  projectId: string;
  slug: string;
  service: string;
  node: string;
  reject(item: PubsubItem, reason: string): void;
}

function toDate(iso: string | undefined, fallback: Date): Date {
  const date = iso ? new Date(iso) : fallback;
  return Number.isNaN(date.getTime()) ? fallback : date;
}

export function wikiPageRecord(
  context: WikiApplyContext,
  item: PubsubItem,
  page: WikiPage,
  now = new Date(),
): WikiPageRecord {
  return {
    id: itemKey(context.service, context.node, item.id),
    projectId: context.projectId,
    service: context.service,
    node: context.node,
    slug: page.slug,
    title: page.title,
    markdown: page.markdown,
    summary: page.summary,
    revision: page.revision,
    publisher: bareJid(item.publisher),
    authorName: page.authorName ?? "",
    updated: toDate(page.updated, now),
    searchText: `${page.title}\n${page.markdown}`.toLowerCase(),
    rawXml: item.element.toString(),
  };
}

/**
 * The wiki-history node is open to every contributor, so the service alone cannot keep it
 * immutable: a revision whose publisher is not the author it names is marked, never shown as
 * the legitimate record (and a rewrite of a known one is caught in upsertWikiRevision).
 */
export function wikiRevisionRecord(
  context: WikiApplyContext,
  item: PubsubItem,
  page: WikiPage,
  now = new Date(),
): WikiRevisionRecord {
  const publisher = bareJid(item.publisher);
  const author = page.authorJid ?? "";
  const flagged =
    publisher && author && publisher !== author
      ? `published by ${publisher}, but it names ${author} as its author`
      : "";
  return {
    id: itemKey(context.service, context.node, item.id),
    projectId: context.projectId,
    service: context.service,
    node: context.node,
    slug: page.slug,
    revision: page.revision,
    title: page.title,
    markdown: page.markdown,
    summary: page.summary,
    publisher,
    authorJid: author,
    updated: toDate(page.updated, now),
    deleted: page.deleted,
    renamedFrom: page.renamedFrom ?? "",
    movedTo: page.movedTo ?? "",
    flagged,
    rawXml: item.element.toString(),
  };
}

function announce(context: WikiApplyContext, page: string): void {
  changeBus().publish({
    projectId: context.projectId,
    kind: "wiki",
    id: wikiPageKey(context.service, context.slug, page),
  });
}

/** Items of `forge/<slug>/wiki` (current pages) or `forge/<slug>/wiki-history` (revisions). */
export async function applyWikiItems(
  context: WikiApplyContext,
  role: "wiki" | "wiki-history",
  items: PubsubItem[],
): Promise<number> {
  let applied = 0;
  for (const item of items) {
    const decoded = decodeWikiItem(item.element, role === "wiki" ? "page" : "revision");
    if (!decoded.ok) {
      context.reject(item, decoded.reason);
      continue;
    }
    clearRejected(context.projectId, context.node, item.id);
    if (role === "wiki") await upsertWikiPage(wikiPageRecord(context, item, decoded.page));
    else await upsertWikiRevision(wikiRevisionRecord(context, item, decoded.page));
    announce(context, decoded.page.slug);
    applied++;
  }
  return applied;
}

export async function retractWikiItems(
  context: Omit<WikiApplyContext, "reject">,
  role: "wiki" | "wiki-history",
  ids: string[],
): Promise<void> {
  for (const itemId of ids) {
    clearRejected(context.projectId, context.node, itemId);
    const key = itemKey(context.service, context.node, itemId);
    const page = role === "wiki" ? itemId : parseHistoryItemId(itemId)?.slug;
    if (role === "wiki") await deleteWikiPage(key);
    else await deleteWikiRevision(key);
    if (page) announce({ ...context, reject: () => {} }, page);
  }
}
