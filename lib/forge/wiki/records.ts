import type { WikiPageRecord, WikiRevisionRecord } from "@/lib/cache/wiki";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { itemPublisher, toDate } from "@/lib/forge/items/record-fields";
import type { SyncContext } from "@/lib/forge/sync/domain";
import { itemKey } from "@/lib/forge/routes";
import type { WikiPage } from "./codec";

export function wikiPageRecord(
  context: SyncContext,
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
    publisher: itemPublisher(item),
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
  context: SyncContext,
  item: PubsubItem,
  page: WikiPage,
  now = new Date(),
): WikiRevisionRecord {
  const publisher = itemPublisher(item);
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
