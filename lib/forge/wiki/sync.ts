import {
  deleteWikiPage,
  deleteWikiRevision,
  upsertWikiPage,
  upsertWikiRevision,
} from "@/lib/cache/wiki";
import { changeBus } from "@/lib/events/bus";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import {
  type DomainSync,
  emptyResult,
  rejectItem,
  type SyncContext,
} from "@/lib/forge/sync/domain";
import { itemKey, wikiPageKey } from "@/lib/forge/routes";
import { clearRejected } from "@/lib/forge/sync/rejections";
import { decodeWikiItem, parseHistoryItemId, type WikiPage } from "./codec";
import { wikiPageRecord, wikiRevisionRecord } from "./records";

function announce(context: SyncContext, page: string): void {
  changeBus().publish({
    projectId: context.projectId,
    kind: "wiki",
    id: wikiPageKey(context.service, context.slug, page),
  });
}

interface WikiNode {
  kind: "page" | "revision";
  store(context: SyncContext, item: PubsubItem, page: WikiPage): Promise<unknown>;
  remove(key: string): Promise<unknown>;
  /** The page an item id names. */
  pageOf(itemId: string): string | undefined;
}

function wikiNodeSync(wiki: WikiNode): DomainSync {
  return {
    needsProject: true,

    async applyItems(context, items) {
      const result = emptyResult();
      for (const item of items) {
        const decoded = decodeWikiItem(item.element, wiki.kind);
        if (!decoded.ok) {
          rejectItem(context, result, item, decoded.reason);
          continue;
        }
        clearRejected(context.projectId, context.node, item.id);
        await wiki.store(context, item, decoded.page);
        announce(context, decoded.page.slug);
        result.applied++;
      }
      return result;
    },

    async applyRetractions(context, itemIds) {
      for (const itemId of itemIds) {
        clearRejected(context.projectId, context.node, itemId);
        await wiki.remove(itemKey(context.service, context.node, itemId));
        const page = wiki.pageOf(itemId);
        if (page) announce(context, page);
      }
    },
  };
}

/** Items of `forge/<slug>/wiki`: a page's current version, item id = the page's slug. */
export const wikiPageSync = wikiNodeSync({
  kind: "page",
  store: (context, item, page) => upsertWikiPage(wikiPageRecord(context, item, page)),
  remove: deleteWikiPage,
  pageOf: (itemId) => itemId,
});

/** Items of `forge/<slug>/wiki-history`: every revision of every page, `<slug>/<n>`. */
export const wikiHistorySync = wikiNodeSync({
  kind: "revision",
  store: (context, item, page) => upsertWikiRevision(wikiRevisionRecord(context, item, page)),
  remove: deleteWikiRevision,
  pageOf: (itemId) => parseHistoryItemId(itemId)?.slug,
});
