/**
 * filter: how fast the ticket list of a big project answers at the cache layer.
 * 10,000 tickets in one project, then ~50 listTickets calls with varied label/status/text
 * filters. Baseline: the same two SQL statements listTickets makes Prisma run (the page of
 * tickets + the per-status counts), sent directly through better-sqlite3, so the ratio is what
 * the Prisma layer adds on top of SQLite doing the same work.
 */
import { isDeepStrictEqual } from "node:util";
import type { TicketRecord } from "@/lib/cache/tickets";
import { listTickets, upsertTicket, type TicketFilter } from "@/lib/cache/tickets";
import { projectId, projectNodes } from "@/lib/forge/nodes";
import { encodeProjectInfo } from "@/lib/forge/project-codec";
import { ticketRecord } from "@/lib/forge/records";
import { applyItems } from "@/lib/forge/sync";
import { decodeTicket, newTicketForm } from "@/lib/forge/ticket-codec";
import { itemFromElement } from "@/lib/xmpp/pubsub";
import { bulkTicketWriter, openRawDb, snapshotTickets } from "./bulk-write";
import { itemElement, LABELS, newTicket, pick, rng, STATUSES, words } from "./corpus";
import type { BenchResult } from "./report";
import { median, ms, percentile, ratio, timed } from "./stats";

const SERVICE = "pubsub.a.test";
const SLUG = "filter-bench";
const TICKETS = 10_000;
const QUERIES = 50;
const WARMUP = 5;
/** Rows written through upsertTicket itself, to prove the bulk writer writes the same rows. */
const CHECKED_ROWS = 200;
const GOAL_MS = 50;

/** A cache row exactly as a sync makes it: form → pubsub item → decode → record. */
function cacheRecord(random: () => number, index: number): TicketRecord {
  const ticket = newTicket(random, index);
  const item = itemFromElement(
    itemElement(`ticket-${index}`, `${ticket.author}@a.test`, newTicketForm(ticket)),
  );
  const decoded = decodeTicket(item.element);
  if (!decoded.ok) throw new Error(`generated ticket ${index} does not decode: ${decoded.reason}`);
  return ticketRecord(
    projectId(SERVICE, SLUG),
    SERVICE,
    projectNodes(SLUG).tickets,
    item,
    decoded.ticket,
  );
}

/** The project row, through the same path as a sync (its info item applied to the cache). */
async function createProjectRow(): Promise<void> {
  const info = encodeProjectInfo(SERVICE, SLUG, {
    name: "Filter bench",
    description: "10,000 generated tickets",
    scm: "git",
    cloneUrl: "",
    defaultBranch: "main",
  });
  const nodes = projectNodes(SLUG);
  await applyItems(SERVICE, nodes.info, [
    itemFromElement(itemElement("info", "alice@a.test", info)),
  ]);
}

async function fill(random: () => number): Promise<string[]> {
  const notes: string[] = [];
  const { value: records, ms: generateMs } = await timed(() =>
    Array.from({ length: TICKETS }, (_, i) => cacheRecord(random, i)),
  );
  notes.push(
    `generated ${TICKETS} ticket rows (form → item → decode → record) in ${ms(generateMs)}`,
  );

  const raw = openRawDb();
  try {
    const write = bulkTicketWriter(raw);
    const id = projectId(SERVICE, SLUG);
    // The same rows through upsertTicket, then through the bulk writer: they must be identical.
    const checked = records.slice(0, CHECKED_ROWS);
    const viaLib = await timed(async () => {
      for (const record of checked) await upsertTicket(record);
    });
    const libRows = snapshotTickets(raw, id);
    raw.prepare(`DELETE FROM Ticket WHERE projectId = ?`).run(id);
    write(checked);
    if (!isDeepStrictEqual(libRows, snapshotTickets(raw, id))) {
      throw new Error("the bulk writer's rows differ from upsertTicket's");
    }
    const bulk = await timed(() => write(records.slice(CHECKED_ROWS)));
    notes.push(
      `inserted via upsertTicket: ${ms(viaLib.ms / CHECKED_ROWS)}/row (${CHECKED_ROWS} rows); ` +
        `the other ${TICKETS - CHECKED_ROWS} via one better-sqlite3 transaction (rows checked ` +
        `identical to upsertTicket's): ${ms(bulk.ms / (TICKETS - CHECKED_ROWS))}/row`,
    );
  } finally {
    raw.close();
  }
  return notes;
}

/** ~Half the queries combine label + status + text, the rest are the other shapes a page makes. */
function filters(random: () => number, count: number): TicketFilter[] {
  const shapes: (keyof TicketFilter)[][] = [
    ["label", "status", "text"],
    ["label", "status", "text"],
    ["label", "status", "text"],
    ["label", "status", "text"],
    ["label", "status", "text"],
    ["label", "status"],
    ["label"],
    ["text"],
    ["status", "text"],
    [],
  ];
  return Array.from({ length: count }, (_, i) => {
    const shape = shapes[i % shapes.length]!;
    const filter: TicketFilter = {};
    if (shape.includes("label")) filter.label = pick(random, LABELS);
    if (shape.includes("status")) filter.status = pick(random, STATUSES);
    if (shape.includes("text")) filter.text = words(random, 1 + Math.floor(random() * 2));
    return filter;
  });
}

type Raw = ReturnType<typeof openRawDb>;

/** The SQL Prisma generates for listTickets (seen with query logging), written by hand. */
function rawListTickets(db: Raw, id: string, filter: TicketFilter) {
  const where = ["projectId = ?"];
  const params: string[] = [id];
  if (filter.label) {
    where.push("EXISTS (SELECT 1 FROM TicketLabel l WHERE l.label = ? AND l.ticketId = Ticket.id)");
    params.push(filter.label);
  }
  for (const word of (filter.text ?? "").toLowerCase().split(/\s+/).filter(Boolean)) {
    where.push("searchText LIKE ('%' || ? || '%')");
    params.push(word);
  }
  const status = filter.status ? " AND status = ?" : "";
  const tickets = db
    .prepare(
      `SELECT * FROM Ticket WHERE ${where.join(" AND ")}${status} ORDER BY updated DESC LIMIT 500`,
    )
    .all(...params, ...(filter.status ? [filter.status] : [])) as { id: string }[];
  const groups = db
    .prepare(
      `SELECT status, COUNT(*) AS n FROM Ticket WHERE ${where.join(" AND ")} GROUP BY status`,
    )
    .all(...params) as { status: string; n: number }[];
  return { ids: tickets.map((t) => t.id), total: groups.reduce((sum, g) => sum + g.n, 0) };
}

export async function runFilter(): Promise<BenchResult> {
  const started = Date.now();
  await createProjectRow();
  const notes = await fill(rng(42));
  const id = projectId(SERVICE, SLUG);
  const queries = filters(rng(7), WARMUP + QUERIES);
  const raw = openRawDb({ readonly: true });
  const libTimes: number[] = [];
  const rawTimes: number[] = [];
  let rows = 0;
  try {
    for (const [i, filter] of queries.entries()) {
      const lib = await timed(() => listTickets(id, filter));
      const direct = await timed(() => rawListTickets(raw, id, filter));
      // Same answer, or the baseline would not be the same query.
      const libIds = lib.value.tickets.map((t) => t.id);
      if (!isDeepStrictEqual(libIds, direct.value.ids) || lib.value.total !== direct.value.total) {
        throw new Error(`raw SQL and listTickets disagree on ${JSON.stringify(filter)}`);
      }
      if (i < WARMUP) continue; // first calls compile queries and warm SQLite's page cache
      libTimes.push(lib.ms);
      rawTimes.push(direct.ms);
      rows += libIds.length;
    }
  } finally {
    raw.close();
  }
  const [libMedian, libP95] = [median(libTimes), percentile(libTimes, 95)];
  const [rawMedian, rawP95] = [median(rawTimes), percentile(rawTimes, 95)];
  notes.push(
    `${QUERIES} queries after ${WARMUP} warm-up ones; shapes: 50% label+status+text, 10% each ` +
      `label+status, label, text, status+text, none; on average ${Math.round(rows / QUERIES)} ` +
      `rows returned (limit 500) plus the per-status counts`,
    `listTickets: median ${ms(libMedian)}, p95 ${ms(libP95)}, max ${ms(Math.max(...libTimes))}`,
    `raw SQL (better-sqlite3, same two statements, same results checked): median ` +
      `${ms(rawMedian)}, p95 ${ms(rawP95)}`,
    `ratio of medians ${ratio(libMedian / rawMedian)}, of p95s ${ratio(libP95 / rawP95)}`,
  );
  return {
    name: "filter",
    date: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    rows: [
      {
        benchmark: "filter",
        figure: `listTickets on 10,000 tickets: p95 ${ms(libP95)} (median ${ms(libMedian)})`,
        baseline: `raw SQL via better-sqlite3: p95 ${ms(rawP95)} (median ${ms(rawMedian)})`,
        ratio: ratio(libP95 / rawP95),
        goal: `p95 < ${GOAL_MS} ms`,
        met: libP95 < GOAL_MS,
      },
    ],
    notes,
  };
}
