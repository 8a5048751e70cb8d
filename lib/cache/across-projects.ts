import type { Prisma } from "@/lib/generated/prisma/client";
import { CLOSED_TICKET_STATUS, FINISHED_MERGE_REQUEST_STATUSES } from "@/lib/forge/statuses";
import { getDb } from "./db";
import { type BlockList, blockListOf, notFiledByBlocked } from "./moderation";
import type { MergeRequestSummary } from "./merge-requests";
import { like } from "./text-match";
import type { TicketSummary } from "./tickets";

// Reads across many projects at once (the dashboard, cross-project search, profiles). The
// caller names the projects the viewer may read: these queries never widen that list.

/** What a cross-project list is filtered by; every part is ANDed, lists inside one part ORed. */
export interface AcrossFilter {
  state?: "open" | "closed";
  labels?: readonly string[];
  authors?: readonly string[];
  assignees?: readonly string[];
  /** Merge requests only: whom review was asked of. */
  reviewers?: readonly string[];
  words?: readonly string[];
}

export const ACROSS_PAGE_SIZE = 20;

const TICKET_OMITS = {
  rawXml: true,
  bodyHtml: true,
  bodyMarkdown: true,
  searchText: true,
} as const;
const MERGE_REQUEST_OMITS = { patch: true, rawXml: true, bodyHtml: true } as const;

/** The block lists of those of `projectIds` that block anyone, in one query. */
async function blockLists(projectIds: readonly string[]): Promise<Map<string, BlockList>> {
  const db = await getDb();
  const rows = await db.moderationBlock.findMany({
    where: { projectId: { in: [...projectIds] } },
    select: { projectId: true, target: true },
  });
  const targets = new Map<string, string[]>();
  for (const row of rows)
    targets.set(row.projectId, [...(targets.get(row.projectId) ?? []), row.target]);
  return new Map([...targets].map(([projectId, list]) => [projectId, blockListOf(list)]));
}

/**
 * Tracker items of these projects, without those a project's blocks hide (as its own lists
 * hide them): projects that block nobody in one `IN`, the few that do each with their list.
 */
async function inProjects(
  projectIds: readonly string[],
): Promise<Prisma.TicketWhereInput & Prisma.MergeRequestWhereInput> {
  const blocks = await blockLists(projectIds);
  const plain = projectIds.filter((id) => !blocks.has(id));
  return {
    OR: [
      { projectId: { in: plain } },
      ...[...blocks].map(([projectId, list]) => ({
        AND: [{ projectId }, ...notFiledByBlocked(list)],
      })),
    ],
  };
}

// Who filed an item (its author_jid, else its first publisher), served by (authorJid, updated).
const byAuthor = (authors: readonly string[]) => ({ authorJid: { in: [...authors] } });

export async function ticketsAcross(
  projectIds: readonly string[],
  filter: AcrossFilter,
  { limit = ACROSS_PAGE_SIZE, skip = 0 } = {},
): Promise<TicketSummary[]> {
  if (projectIds.length === 0) return [];
  const and: Prisma.TicketWhereInput[] = [await inProjects(projectIds)];
  if (filter.state === "open") and.push({ status: { not: CLOSED_TICKET_STATUS } });
  if (filter.state === "closed") and.push({ status: CLOSED_TICKET_STATUS });
  for (const label of filter.labels ?? []) and.push({ ticketLabels: { some: { label } } });
  if (filter.authors?.length) and.push(byAuthor(filter.authors));
  if (filter.assignees?.length) {
    and.push({
      OR: filter.assignees.map((jid) => ({ assignees: like({ contains: JSON.stringify(jid) }) })),
    });
  }
  for (const word of filter.words ?? []) and.push({ searchText: like({ contains: word }) });
  const db = await getDb();
  return db.ticket.findMany({
    where: { AND: and },
    omit: TICKET_OMITS,
    orderBy: [{ updated: "desc" }, { id: "asc" }],
    skip,
    take: limit,
  });
}

export async function mergeRequestsAcross(
  projectIds: readonly string[],
  filter: AcrossFilter,
  { limit = ACROSS_PAGE_SIZE, skip = 0 } = {},
): Promise<MergeRequestSummary[]> {
  // Merge requests have nobody assigned: a search for assignees finds none.
  if (projectIds.length === 0 || filter.assignees?.length) return [];
  const and: Prisma.MergeRequestWhereInput[] = [await inProjects(projectIds)];
  const finished = [...FINISHED_MERGE_REQUEST_STATUSES];
  if (filter.state === "open") and.push({ status: { notIn: finished } });
  if (filter.state === "closed") and.push({ status: { in: finished } });
  for (const label of filter.labels ?? []) {
    and.push({ labels: like({ contains: JSON.stringify(label) }) });
  }
  if (filter.authors?.length) and.push(byAuthor(filter.authors));
  if (filter.reviewers?.length) {
    and.push({
      OR: filter.reviewers.map((jid) => ({ reviewers: like({ contains: JSON.stringify(jid) }) })),
    });
  }
  for (const word of filter.words ?? []) {
    and.push({
      OR: [{ title: like({ contains: word }) }, { bodyMarkdown: like({ contains: word }) }],
    });
  }
  const db = await getDb();
  return db.mergeRequest.findMany({
    where: { AND: and },
    omit: MERGE_REQUEST_OMITS,
    orderBy: [{ updated: "desc" }, { id: "asc" }],
    skip,
    take: limit,
  });
}

export type WikiPageHit = Prisma.WikiPageGetPayload<{
  select: { id: true; projectId: true; slug: true; title: true; markdown: true; updated: true };
}>;

/** Wiki pages holding every word; pages have no state, labels or assignees to filter by. */
export async function wikiPagesAcross(
  projectIds: readonly string[],
  words: readonly string[],
  { limit = ACROSS_PAGE_SIZE, skip = 0 } = {},
): Promise<WikiPageHit[]> {
  if (projectIds.length === 0 || words.length === 0) return [];
  const db = await getDb();
  return db.wikiPage.findMany({
    where: {
      AND: [
        { projectId: { in: [...projectIds] } },
        ...words.map((word) => ({ searchText: like({ contains: word }) })),
      ],
    },
    select: { id: true, projectId: true, slug: true, title: true, markdown: true, updated: true },
    orderBy: [{ updated: "desc" }, { id: "asc" }],
    skip,
    take: limit,
  });
}
