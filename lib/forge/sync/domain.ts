import { changeBus } from "@/lib/events/bus";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { itemKey } from "@/lib/forge/routes";
import { noteRejected, type Rejected } from "./rejections";

// The shape every domain's sync module has (tickets/sync.ts, wiki/sync.ts, …): the dispatcher
// (sync.ts) finds the module by the node's role and hands it the items of that node.

/** Where items were read: the node, and the project they belong to. */
export interface SyncContext {
  projectId: string;
  slug: string;
  service: string;
  node: string;
  /** The access model its creator just gave a project, before its service reports it. */
  accessModel?: string;
}

export interface NodeAddress {
  service: string;
  node: string;
}

export interface ApplyResult {
  applied: number;
  rejected: Rejected[];
  /** Comments nodes of the items applied, for the caller to fetch or subscribe to. */
  commentsNodes: NodeAddress[];
}

export interface DomainSync {
  /** Whether items wait until their project is cached (the project's own info does not). */
  readonly needsProject: boolean;
  /** The project of a node, when its name alone does not say (default: the node's slug). */
  projectIdOf?(service: string, node: string, slug: string): Promise<string>;
  /** Decodes items, caches those that read (with their raw XML) and announces them. */
  applyItems(context: SyncContext, items: PubsubItem[]): Promise<ApplyResult>;
  applyRetractions(context: SyncContext, itemIds: string[]): Promise<void>;
  /** The node was purged or deleted (absent: nothing is cached per node). */
  applyPurge?(context: SyncContext): Promise<void>;
}

export function emptyResult(): ApplyResult {
  return { applied: 0, rejected: [], commentsNodes: [] };
}

/** An item that does not read: reported in the result, kept for the project's pages, announced. */
export function rejectItem(
  context: SyncContext,
  result: ApplyResult,
  item: PubsubItem,
  reason: string,
): void {
  const rejected = { node: context.node, itemId: item.id, reason };
  result.rejected.push(rejected);
  noteRejected(context.projectId, rejected);
  changeBus().publish({
    projectId: context.projectId,
    kind: "ticket",
    id: itemKey(context.service, context.node, item.id),
  });
}

/** The comments node a ticket or merge request links to, if it names one. */
export function commentsNodeOf(commentsUri: string): NodeAddress | undefined {
  const address = commentsUri ? parseXmppUri(commentsUri) : undefined;
  return address?.node ? { service: address.jid, node: address.node } : undefined;
}
