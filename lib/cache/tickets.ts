import type { Prisma, Ticket } from "@/lib/generated/prisma/client";
import type { TicketRecord } from "./ticket-record";
import { databaseUrl, getDb, sqliteFile } from "./db";
import { like } from "./text-match";
import { labelsOf, writeTicketsToFile } from "./ticket-sql";
import { lockItems } from "./item-lock";
import { notOlderThanCached, observations } from "./observed";
import { trackerUpsert } from "./tracker-row";
import { type BlockList, blockList, notFiledByBlocked } from "./moderation";

/**
 * Upserts tickets and their label index in one transaction (a cold sync of thousands of
 * tickets is one commit, not thousands). The row's labels column is the JSON of the same list
 * as TicketLabel.
 */
export async function upsertTickets(records: TicketRecord[]): Promise<void> {
  if (records.length === 0) return;
  const db = await getDb();
  const latest = [...new Map(records.map((record) => [record.id, record])).values()];
  const url = databaseUrl();
  // An in-memory database exists only on Prisma's connection: it takes the path below.
  if (url.startsWith("file:") && sqliteFile(url) !== ":memory:") {
    // The write has a connection of its own (ticket-sql.ts). An empty Prisma transaction held
    // around each attempt keeps any other Prisma transaction of this process from being half
    // done when it commits: one that had read would have its next write refused
    // (SQLITE_BUSY_SNAPSHOT). Prisma's single statements are atomic and need no such care.
    await writeTicketsToFile(sqliteFile(url), latest, (attempt) =>
      db.$transaction(async () => attempt()),
    );
    return;
  }
  // PostgreSQL (or in-memory SQLite): Prisma's own upserts, one transaction, the tickets
  // locked (item-lock.ts) before their cached versions are compared (observed.ts).
  await db.$transaction(async (tx) => {
    const ids = latest.map((record) => record.id);
    for (const lock of lockItems(tx, ids)) await lock;
    const stored = await tx.ticket.findMany({
      where: { id: { in: ids } },
      select: { id: true, observedAt: true },
    });
    for (const record of notOlderThanCached(latest, observations(stored))) {
      await tx.ticket.upsert(trackerUpsert(record));
      await tx.ticketLabel.deleteMany({ where: { ticketId: record.id } });
      await tx.ticketLabel.createMany({
        data: labelsOf(record).map((label) => ({ ticketId: record.id, label })),
      });
    }
  });
}

export async function upsertTicket(record: TicketRecord): Promise<void> {
  await upsertTickets([record]);
}

export async function deleteTicket(id: string): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.ticket.deleteMany({ where: { id } }),
    db.trackerItemVersion.deleteMany({ where: { itemKey: id } }),
    // What it and its comments named (lib/cache/references.ts).
    db.itemReference.deleteMany({ where: { sourceId: id } }),
  ]);
}

/** Which of these tickets are cached already. */
export async function cachedTicketIds(ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const db = await getDb();
  const rows = await db.ticket.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}

export async function findTicket(id: string): Promise<Ticket | null> {
  const db = await getDb();
  return db.ticket.findUnique({ where: { id } });
}

export async function findTicketByCommentsUri(commentsUri: string): Promise<Ticket | null> {
  const db = await getDb();
  return db.ticket.findFirst({ where: { commentsUri } });
}

export async function setCommentCount(ticketId: string, commentCount: number): Promise<void> {
  const db = await getDb();
  await db.ticket.updateMany({ where: { id: ticketId }, data: { commentCount } });
}

export const TICKET_SORTS = ["updated", "created", "priority", "title", "comments"] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketFilter {
  status?: string;
  label?: string;
  type?: string;
  assignee?: string;
  /** Matches the author's JID, the latest publisher's or the display name. */
  author?: string;
  /** Words that must all appear in the title, body or labels. */
  text?: string;
  sort?: TicketSort;
  /** Tickets per page (default TICKETS_PER_PAGE), and which page, from 1. */
  limit?: number;
  page?: number;
}

export const TICKETS_PER_PAGE = 50;

/**
 * Past this page every list is empty anyway; a page number from a hand-made URL beyond it
 * (`?page=1e20`) would make an offset the database refuses.
 */
const LAST_POSSIBLE_PAGE = 1_000_000;

const pageNumber = (page = 1) =>
  Number.isFinite(page) ? Math.min(Math.max(1, Math.trunc(page)), LAST_POSSIBLE_PAGE) : 1;

/** A ticket as the list shows it: without bodies, search text or raw XML. */
export type TicketSummary = Omit<Ticket, "rawXml" | "bodyHtml" | "bodyMarkdown" | "searchText">;

export interface TicketList {
  tickets: TicketSummary[];
  /** How many tickets of each status match the other filters (for the status tabs). */
  countsByStatus: Record<string, number>;
  total: number;
  /** How many tickets the whole filter matches, on every page. */
  matching: number;
}

function whereFor(
  scope: Prisma.TicketWhereInput,
  filter: TicketFilter,
  blocks: BlockList,
): Prisma.TicketWhereInput {
  // Tickets a blocked publisher filed or last published are not listed, nor counted.
  const and: Prisma.TicketWhereInput[] = [scope, ...notFiledByBlocked(blocks)];
  if (filter.type) and.push({ type: filter.type });
  if (filter.assignee) and.push({ assignees: like({ contains: JSON.stringify(filter.assignee) }) });
  if (filter.author) {
    and.push({
      OR: [{ authorJid: filter.author }, { publisher: filter.author }, { author: filter.author }],
    });
  }
  for (const word of (filter.text ?? "").toLowerCase().split(/\s+/).filter(Boolean)) {
    and.push({ searchText: like({ contains: word }) });
  }
  return { AND: and };
}

const ORDER: Record<TicketSort, Prisma.TicketOrderByWithRelationInput[]> = {
  updated: [{ updated: "desc" }],
  created: [{ created: "desc" }],
  // "major" < "minor" < "normal" alphabetically is wrong: byPriority orders them.
  priority: [{ updated: "desc" }],
  title: [{ title: "asc" }],
  comments: [{ commentCount: "desc" }, { updated: "desc" }],
};

const PRIORITY_RANK: Record<string, number> = { major: 0, normal: 1, minor: 2 };

export async function listTickets(
  projectId: string,
  filter: TicketFilter = {},
): Promise<TicketList> {
  const db = await getDb();
  const [scope, blocks] = await Promise.all([
    filter.label ? labelScope(projectId, filter.label) : { projectId },
    blockList(projectId),
  ]);
  const where = whereFor(scope, filter, blocks);
  const listed = filter.status ? { AND: [where, { status: filter.status }] } : where;
  const sort = filter.sort ?? "updated";
  const size = filter.limit ?? TICKETS_PER_PAGE;
  const skip = (pageNumber(filter.page) - 1) * size;
  const [tickets, groups] = await Promise.all([
    sort === "priority"
      ? byPriority(listed, skip, size)
      : db.ticket.findMany({
          where: listed,
          omit: SUMMARY_OMITS,
          orderBy: ORDER[sort],
          skip,
          take: size,
        }),
    db.ticket.groupBy({ by: ["status"], where, _count: { _all: true } }),
  ]);
  const countsByStatus = Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  const total = Object.values(countsByStatus).reduce((sum, n) => sum + n, 0);
  const matching = filter.status ? (countsByStatus[filter.status] ?? 0) : total;
  return { tickets, countsByStatus, total, matching };
}

/**
 * Up to this many tickets carrying a label, a list filtered by it starts from the label's index.
 * A label on more of the project's tickets is filtered while scanning the project, which then
 * costs about as much, and keeps the query's parameters far below the databases' limits.
 */
const LABEL_FIRST_LIMIT = 2000;

/**
 * The project's tickets that carry `label`. SQLite runs the relation filter (an EXISTS per
 * ticket) while scanning every ticket of the project, whatever its statistics: on 10,000
 * tickets that was ~40 ms, twice per list (the page, then the per-status counts). The label's
 * own index finds its tickets in a few ms, and the ticket ids are then the list's scope.
 */
async function labelScope(projectId: string, label: string): Promise<Prisma.TicketWhereInput> {
  const db = await getDb();
  const rows = await db.ticketLabel.findMany({
    where: { label, ticket: { projectId } },
    select: { ticketId: true },
    take: LABEL_FIRST_LIMIT + 1,
  });
  if (rows.length > LABEL_FIRST_LIMIT) return { projectId, ticketLabels: { some: { label } } };
  return { id: { in: rows.map((row) => row.ticketId) } };
}

/** The list never shows bodies or raw XML; leaving them out keeps the rows read small. */
const SUMMARY_OMITS = {
  rawXml: true,
  bodyHtml: true,
  bodyMarkdown: true,
  searchText: true,
} as const;

/**
 * A page of tickets by priority, most urgent first, then most recently updated: the names do
 * not sort in SQL ("major" < "minor" < "normal"), so every match's three small columns are
 * ranked here and only the page's rows are read whole.
 */
async function byPriority(
  where: Prisma.TicketWhereInput,
  skip: number,
  take: number,
): Promise<TicketSummary[]> {
  const db = await getDb();
  const ranked = await db.ticket.findMany({
    where,
    select: { id: true, priority: true },
    orderBy: ORDER.updated,
  });
  const rank = (priority: string) => PRIORITY_RANK[priority] ?? PRIORITY_RANK.normal!;
  // Array.prototype.sort is stable: equal ranks stay most recently updated first.
  const page = ranked
    .sort((a, b) => rank(a.priority) - rank(b.priority))
    .slice(skip, skip + take)
    .map((row) => row.id);
  const rows = await db.ticket.findMany({ where: { id: { in: page } }, omit: SUMMARY_OMITS });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Every label used in a project, most used first, for the filter menu and suggestions; not
 * those only hidden tickets carry (a blocked spammer's labels would be suggested to everyone).
 */
export async function projectLabels(projectId: string): Promise<string[]> {
  const db = await getDb();
  const blocks = await blockList(projectId);
  const rows = await db.ticketLabel.groupBy({
    by: ["label"],
    where: { ticket: { AND: [{ projectId }, ...notFiledByBlocked(blocks)] } },
    _count: { label: true },
    orderBy: { _count: { label: "desc" } },
  });
  return rows.map((row) => row.label);
}
