import { changeBus } from "@/lib/events/bus";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { findProject } from "@/lib/cache/projects";
import { classifyNode, COMMENTS_PREFIX } from "@/lib/forge/nodes";
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
  /**
   * When the items arrived (absent: now): a version that arrived earlier is never written over
   * them (lib/cache/observed.ts).
   */
  observedAt?: Date;
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

/**
 * The comments thread a ticket or merge request links to, if Pubforge may follow it there. An
 * item may name any node as its thread, and the instance reads with an admin's rights on its
 * own service, so only a XEP-0277 comments node is taken, never one that belongs to another
 * Pubforge project, and for a members-only project only on the project's own service (its
 * threads never move: another service would not know its members).
 */
export function acceptedThread(
  commentsUri: string,
  project: { slug: string; service: string; accessModel: string },
): NodeAddress | undefined {
  const address = commentsUri ? parseXmppUri(commentsUri) : undefined;
  if (!address?.node?.startsWith(COMMENTS_PREFIX)) return undefined;
  const role = classifyNode(address.node);
  if (role && (role.role !== "comments" || role.slug !== project.slug)) return undefined;
  if (project.accessModel !== "open" && address.jid !== project.service) return undefined;
  return { service: address.jid, node: address.node };
}

/**
 * A tracker item's thread as Pubforge keeps it: a refused one is blanked in the record (its raw
 * XML keeps the link), so it is neither followed nor shown. Returns the thread to follow.
 */
export function keepAcceptedThread(
  record: { commentsUri: string },
  project: { slug: string; service: string; accessModel: string },
): NodeAddress | undefined {
  const thread = acceptedThread(record.commentsUri, project);
  if (!thread) record.commentsUri = "";
  return thread;
}

/** The project's access model as sync knows it: the creator's word for a new one. */
export async function projectAccessModel(context: SyncContext): Promise<string> {
  return context.accessModel ?? (await findProject(context.projectId))?.accessModel ?? "open";
}
