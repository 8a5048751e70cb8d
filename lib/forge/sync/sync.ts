import { findProject } from "@/lib/cache/projects";
import { isFailure } from "@/lib/xmpp/errors";
import { itemPages } from "@/lib/xmpp/item-pages";
import { getItems, type IqRequester, type PubsubItem } from "@/lib/xmpp/pubsub";
import type { PubsubEvent } from "@/lib/xmpp/pubsub-event";
import { checkSync } from "@/lib/forge/checks/sync";
import { commentSync } from "@/lib/forge/comments/sync";
import { mergeRequestSync, revisionSync } from "@/lib/forge/merge-requests/sync";
import { moderationSync } from "@/lib/forge/moderation/sync";
import { classifyNode, type NodeRole, projectContentNodes, projectId } from "@/lib/forge/nodes";
import { projectInfoSync } from "@/lib/forge/projects/sync";
import { ticketSync } from "@/lib/forge/tickets/sync";
import { wikiHistorySync, wikiPageSync } from "@/lib/forge/wiki/sync";
import {
  type ApplyResult,
  type DomainSync,
  emptyResult,
  type NodeAddress,
  type SyncContext,
} from "./domain";
import type { Rejected } from "./rejections";

interface SyncTableRow {
  domain: DomainSync;
  /** Projects made before this kind of item existed lack its node: a sync goes on without. */
  optionalNode: boolean;
}

/**
 * Which domain reads the items of which node. A new kind of item is a domain module (see
 * DomainSync) plus its row here, and its node in nodes.ts.
 */
export const SYNC_TABLE: Readonly<Record<NodeRole["role"], SyncTableRow>> = {
  info: { domain: projectInfoSync, optionalNode: false },
  tickets: { domain: ticketSync, optionalNode: false },
  "merge-requests": { domain: mergeRequestSync, optionalNode: true },
  "mr-revisions": { domain: revisionSync, optionalNode: true },
  wiki: { domain: wikiPageSync, optionalNode: true },
  "wiki-history": { domain: wikiHistorySync, optionalNode: true },
  comments: { domain: commentSync, optionalNode: true },
  moderation: { domain: moderationSync, optionalNode: true },
  checks: { domain: checkSync, optionalNode: true },
};

/** The domain a node's items go to, and where they belong; undefined for other nodes. */
async function route(
  service: string,
  node: string,
): Promise<{ domain: DomainSync; context: SyncContext } | undefined> {
  const role = classifyNode(node);
  if (!role) return undefined;
  const { domain } = SYNC_TABLE[role.role];
  const id = domain.projectIdOf
    ? await domain.projectIdOf(service, node, role.slug)
    : projectId(service, role.slug);
  return { domain, context: { projectId: id, slug: role.slug, service, node } };
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
  // Taken before anything is awaited: a notification is applied as soon as it arrives.
  const observedAt = new Date();
  const target = await route(service, node);
  if (!target) return emptyResult();
  const { domain, context } = target;
  // Items other than the project's info need its row first (the info item is fetched first).
  if (domain.needsProject && !(await findProject(context.projectId))) return emptyResult();
  return domain.applyItems({ ...context, ...options, observedAt }, items);
}

export async function applyRetractions(
  service: string,
  node: string,
  ids: string[],
): Promise<void> {
  const target = await route(service, node);
  await target?.domain.applyRetractions(target.context, ids);
}

export async function applyPubsubEvent(event: PubsubEvent): Promise<ApplyResult | undefined> {
  switch (event.kind) {
    case "items":
      return applyItems(event.service, event.node, event.items);
    case "retract":
      await applyRetractions(event.service, event.node, event.ids);
      return undefined;
    case "purge":
    case "delete": {
      const target = await route(event.service, event.node);
      await target?.domain.applyPurge?.(target.context);
      return undefined;
    }
  }
}

export interface SyncReport {
  tickets: number;
  mergeRequests: number;
  comments: number;
  rejected: Rejected[];
  commentsNodes: NodeAddress[];
}

/**
 * Refills the cache of one project from pubsub alone: info, then its other nodes in the order
 * projectContentNodes gives (merge requests before their revisions, which need their row),
 * then the comments nodes they link to. `reader` is whoever may read the project (the instance,
 * or a member's session).
 */
export async function syncProject(
  reader: IqRequester,
  service: string,
  slug: string,
  options: { accessModel?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<SyncReport> {
  const [infoNode = "", ...contentNodes] = projectContentNodes(slug);
  const info = await getItems(reader, service, infoNode, { ids: ["info"] });
  const infoResult = await applyItems(service, infoNode, info, options);
  if (infoResult.applied === 0) {
    throw new Error(infoResult.rejected[0]?.reason ?? `no project “${slug}” on ${service}`);
  }
  const report: SyncReport = {
    tickets: 0,
    mergeRequests: 0,
    comments: 0,
    rejected: [...infoResult.rejected],
    commentsNodes: [],
  };
  for (const node of contentNodes) {
    const role = classifyNode(node)?.role;
    const result = await applyNode(reader, service, node, role && SYNC_TABLE[role].optionalNode);
    if (role === "tickets") report.tickets = result.applied;
    if (role === "merge-requests") report.mergeRequests = result.applied;
    report.rejected.push(...result.rejected);
    report.commentsNodes.push(...result.commentsNodes);
  }
  const { commentsNodes } = report;
  let done = 0;
  await forEachLimited(commentsNodes, 8, async ({ service: commentsService, node }) => {
    try {
      const applied = await applyPages(reader, commentsService, node);
      report.comments += applied.applied;
      report.rejected.push(...applied.rejected);
    } catch {
      // A comments node that vanished or sits on an unreachable server: the ticket still shows.
    }
    options.onProgress?.(++done, commentsNodes.length);
  });
  return report;
}

async function applyNode(
  reader: IqRequester,
  service: string,
  node: string,
  optional = false,
): Promise<ApplyResult> {
  try {
    return await applyPages(reader, service, node);
  } catch (error) {
    if (optional && isFailure(error, "item-not-found")) return emptyResult();
    throw error;
  }
}

/**
 * A node's items into the cache page by page (where the service pages with RSM), so the first
 * page is in the cache, and announced, while the rest is still on its way.
 */
async function applyPages(
  reader: IqRequester,
  service: string,
  node: string,
): Promise<ApplyResult> {
  const total = emptyResult();
  for await (const page of itemPages(reader, service, node)) {
    const result = await applyItems(service, node, page);
    total.applied += result.applied;
    total.rejected.push(...result.rejected);
    total.commentsNodes.push(...result.commentsNodes);
  }
  return total;
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
