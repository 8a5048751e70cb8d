/**
 * cold-sync: how long filling an empty cache with a 5,000-ticket project takes, against the
 * time to merely fetch those items from pubsub (the floor any sync must pay).
 *
 * 1. alice creates a project through the forge API and publishes 5,000 tickets (forms from
 *    newTicketForm, 50 publishes in flight) on pubsub.a.test.
 * 2. Baseline: getItems of the whole tickets node (median of 3).
 * 3. Figure: syncProject into a cache where the project is absent. The tickets carry no
 *    comments node, so its comments phase has nothing to fetch: the figure is the info phase
 *    (one small item) plus the tickets phase.
 * 4. Where the time goes: the same sync replayed step by step with the lib functions
 *    syncProject/applyItems call (decode, record incl. markdown, upsertTicket), each timed.
 * 5. Prototype: the same 5,000 rows written other ways (Prisma batched, better-sqlite3 per
 *    ticket, better-sqlite3 in one transaction), each checked identical to upsertTicket's.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { isDeepStrictEqual } from "node:util";
import { getDb } from "@/lib/cache/db";
import { deleteProject, findProject } from "@/lib/cache/projects";
import { upsertTicket } from "@/lib/cache/tickets";
import { changeBus } from "@/lib/events/bus";
import { stopInstance } from "@/lib/forge/instance";
import { renderMarkdown } from "@/lib/forge/markdown";
import { projectId, projectNodes } from "@/lib/forge/nodes";
import { createProject } from "@/lib/forge/projects";
import { ticketRecord } from "@/lib/forge/records";
import { applyItems, syncProject } from "@/lib/forge/sync";
import { decodeTicket, newTicketForm } from "@/lib/forge/ticket-codec";
import type { TicketRecord } from "@/lib/cache/tickets";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getItems, publish, type PubsubItem } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { bulkTicketWriter, openRawDb, snapshotTickets } from "./bulk-write";
import { newTicket, rng } from "./corpus";
import type { BenchResult } from "./report";
import { HOSTS } from "./servers";
import { forEachLimited, median, ms, ratio, timed } from "./stats";

const SERVICE = "pubsub.a.test";
const SLUG = "sync-bench";
const TICKETS = 5_000;
const IN_FLIGHT = 50;
const FETCHES = 3;
const GOAL = 0.8;
const PRISMA_BATCH = 500;

type Session = XmppSession;

async function createTracker(alice: Session): Promise<void> {
  await createProject(
    { jid: alice.jid, session: alice },
    {
      service: SERVICE,
      slug: SLUG,
      name: "Sync bench",
      description: "5,000 generated tickets",
      scm: "git",
      // Whitelist: the instance account only follows open projects. Following this one would
      // make it apply 5,000 notifications to the cache while we publish, and the cache must
      // start empty. Reading and syncing are the same code either way (alice is the owner).
      access: "whitelist",
    },
  );
}

async function publishTickets(alice: Session): Promise<number> {
  const random = rng(2024);
  // Contents drawn up front (cheap) so they do not depend on the order replies come back;
  // the forms (markdown → XHTML, the expensive part) are built in the workers.
  const tickets = Array.from({ length: TICKETS }, (_, i) => newTicket(random, i));
  const node = projectNodes(SLUG).tickets;
  const { ms: took } = await timed(() =>
    forEachLimited(tickets, IN_FLIGHT, async (ticket) => {
      await publish(alice, SERVICE, node, newTicketForm(ticket));
    }),
  );
  return took;
}

async function emptyCache(): Promise<void> {
  await deleteProject(projectId(SERVICE, SLUG)); // its tickets and labels go with it (cascade)
  if (await findProject(projectId(SERVICE, SLUG))) throw new Error("cache not emptied");
}

interface Breakdown {
  info: number;
  fetch: number;
  decode: number;
  record: number;
  markdown: number;
  upsert: number;
  announce: number;
  /** Time spent in garbage collection during all of the above. */
  gc: number;
  total: number;
}

/** The tickets phase of syncProject/applyItems, step by step, each step timed. */
async function stepwiseSync(
  alice: Session,
): Promise<{ times: Breakdown; records: TicketRecord[] }> {
  const nodes = projectNodes(SLUG);
  const id = projectId(SERVICE, SLUG);
  // Garbage collection runs inside whichever step allocates: sum it to say how much it costs.
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ["gc"] });
  const start = performance.now();
  const info = await timed(async () =>
    applyItems(SERVICE, nodes.info, await getItems(alice, SERVICE, nodes.info, { ids: ["info"] })),
  );
  const fetched = await timed(() => getItems(alice, SERVICE, nodes.tickets));
  const times: Breakdown = {
    info: info.ms,
    fetch: fetched.ms,
    decode: 0,
    record: 0,
    markdown: 0,
    upsert: 0,
    announce: 0,
    gc: 0,
    total: 0,
  };
  const records: TicketRecord[] = [];
  for (const item of fetched.value) {
    let t = performance.now();
    const decoded = decodeTicket(item.element);
    times.decode += performance.now() - t;
    if (!decoded.ok) throw new Error(decoded.reason);
    t = performance.now();
    const record = ticketRecord(id, SERVICE, nodes.tickets, item, decoded.ticket);
    times.record += performance.now() - t;
    t = performance.now();
    await upsertTicket(record);
    times.upsert += performance.now() - t;
    t = performance.now();
    changeBus().publish({ projectId: id, kind: "ticket", id: record.id });
    times.announce += performance.now() - t;
    records.push(record);
  }
  times.total = performance.now() - start;
  gcObserver.disconnect();
  times.gc = gcMs;
  // How much of "record" is the markdown → sanitised HTML rendering (timed apart, afterwards).
  const t = performance.now();
  for (const record of records) renderMarkdown(record.bodyMarkdown);
  times.markdown = performance.now() - t;
  return { times, records };
}

/** The three operations of upsertTicket, for batching several tickets in one transaction. */
function upsertOperations(db: PrismaClient, record: TicketRecord) {
  const { id, commentCount, ...rest } = record;
  const labels: string[] = JSON.parse(record.labels);
  return [
    db.ticket.upsert({
      where: { id },
      create: { id, commentCount: commentCount ?? 0, ...rest },
      update: { ...rest, ...(commentCount === undefined ? {} : { commentCount }) },
    }),
    db.ticketLabel.deleteMany({ where: { ticketId: id } }),
    db.ticketLabel.createMany({
      data: [...new Set(labels)].map((label) => ({ ticketId: id, label })),
    }),
  ];
}

interface WriteVariant {
  name: string;
  ms: number;
}

/**
 * Other ways to write the same 5,000 rows, each into a cache emptied of them and checked
 * identical to what upsertTicket wrote: which part of upsertTicket's cost is per transaction,
 * which per Prisma query.
 */
async function writeVariants(
  records: TicketRecord[],
  expected: unknown[],
): Promise<WriteVariant[]> {
  const id = projectId(SERVICE, SLUG);
  const raw = openRawDb();
  const db = await getDb();
  const variants: WriteVariant[] = [];
  const attempt = async (name: string, write: () => Promise<void> | void) => {
    raw.prepare(`DELETE FROM Ticket WHERE projectId = ?`).run(id); // labels go with them
    const { ms: took } = await timed(write);
    if (!isDeepStrictEqual(expected, snapshotTickets(raw, id))) {
      throw new Error(`${name}: rows differ from upsertTicket's`);
    }
    variants.push({ name, ms: took });
  };
  try {
    const bulk = bulkTicketWriter(raw);
    await attempt(
      `Prisma, the same 3 operations, one $transaction per ${PRISMA_BATCH} tickets`,
      async () => {
        for (let i = 0; i < records.length; i += PRISMA_BATCH) {
          await db.$transaction(
            records.slice(i, i + PRISMA_BATCH).flatMap((r) => upsertOperations(db, r)),
          );
        }
      },
    );
    await attempt("better-sqlite3 prepared statements, one transaction per ticket", () => {
      for (const record of records) bulk([record]);
    });
    await attempt("better-sqlite3 prepared statements, one transaction for all", () =>
      bulk(records),
    );
  } finally {
    raw.close();
  }
  return variants;
}

export async function runColdSync(): Promise<BenchResult> {
  const started = Date.now();
  const notes: string[] = [];
  const alice = await XmppSession.open({ jid: "alice@a.test", password: "demo", hosts: HOSTS });
  try {
    await createTracker(alice);
    const published = await publishTickets(alice);
    notes.push(
      `published ${TICKETS} tickets (newTicketForm, no comments_uri) as alice, ${IN_FLIGHT} iqs ` +
        `in flight: ${ms(published)} (${Math.round((TICKETS / published) * 1000)} items/s, form building included)`,
    );

    const node = projectNodes(SLUG).tickets;
    const fetchTimes: number[] = [];
    let items: PubsubItem[] = [];
    let clientCpu = 0;
    for (let i = 0; i < FETCHES; i++) {
      const cpu = process.cpuUsage();
      const fetched = await timed(() => getItems(alice, SERVICE, node));
      const used = process.cpuUsage(cpu);
      clientCpu += (used.user + used.system) / 1000 / FETCHES;
      fetchTimes.push(fetched.ms);
      items = fetched.value;
    }
    if (items.length !== TICKETS) throw new Error(`fetched ${items.length} items, not ${TICKETS}`);
    const bytes = items.reduce((sum, item) => sum + item.element.toString().length, 0);
    items = [];
    const fetchMs = median(fetchTimes);
    notes.push(
      `raw fetch (getItems of the whole node, c2s, ${(bytes / 2 ** 20).toFixed(1)} MB of items): ` +
        `${fetchTimes.map(ms).join(", ")}; median ${ms(fetchMs)}; of which CPU in this ` +
        `process (receiving + XML parsing) ${ms(clientCpu)} on average, the rest is Prosody ` +
        `(reading and serialising 5,000 items)`,
    );

    await emptyCache();
    const sync = await timed(() => syncProject(alice, SERVICE, SLUG));
    if (sync.value.tickets !== TICKETS || sync.value.commentsNodes.length !== 0) {
      throw new Error(
        `sync applied ${sync.value.tickets} tickets, ${sync.value.commentsNodes.length} comments nodes`,
      );
    }
    notes.push(
      `syncProject into an empty cache: ${ms(sync.ms)} for ${sync.value.tickets} tickets; comments ` +
        `phase: 0 nodes to fetch (the tickets have no comments_uri), so this is info + tickets phases`,
    );

    await emptyCache();
    const { times, records } = await stepwiseSync(alice);
    const libRows = snapshotRows();
    const processing = times.total - times.fetch;
    const perTicket = (value: number) => `${((value / TICKETS) * 1000).toFixed(0)} µs`;
    const share = (value: number) => `${((value / times.total) * 100).toFixed(0)}%`;
    const step = (name: string, value: number, each = true) =>
      `| ${name} | ${ms(value)} | ${share(value)} | ${each ? perTicket(value) : ""} |`;
    notes.push(
      `where the time goes: the same work replayed step by step with the functions syncProject ` +
        `and applyItems call, in the same order, each step timed (total ${ms(times.total)}, vs ` +
        `${ms(sync.ms)} for syncProject itself):`,
      "",
      "| step | time | share | per ticket |",
      "| --- | --- | --- | --- |",
      step("info phase (fetch + apply 1 item)", times.info, false),
      step("fetch the tickets node (getItems: server + XML parse)", times.fetch),
      step("decodeTicket (data form → Ticket)", times.decode),
      step(
        `ticketRecord, of which markdown → sanitised HTML ≈ ${ms(times.markdown)}`,
        times.record,
      ),
      step("upsertTicket (Prisma: a transaction of 3 queries per ticket)", times.upsert),
      step("changeBus.publish", times.announce),
      "",
      `garbage collection during all of this: ${ms(times.gc)} (spread over the steps above; ` +
        `the fetched node is ~11 MB of XML and stays alive while its items are applied)`,
      `everything but the fetch: ${ms(processing)}; with the median fetch that gives ` +
        `fetch / (fetch + processing) ≈ ${ratio(fetchMs / (fetchMs + processing))} (less sensitive ` +
        `to the fetch time, which varies with load on this shared machine)`,
    );

    const variants = await writeVariants(records, libRows);
    const best = variants.at(-1)!;
    notes.push(
      `writing the same 5,000 rows other ways (each checked identical to upsertTicket's rows; ` +
        `bench/bulk-write.ts):`,
      "",
      "| writer | time | per ticket |",
      "| --- | --- | --- |",
      `| upsertTicket, as syncProject does (above) | ${ms(times.upsert)} | ${perTicket(times.upsert)} |`,
      ...variants.map((v) => `| ${v.name} | ${ms(v.ms)} | ${perTicket(v.ms)} |`),
      "",
    );
    const prototype = times.total - times.upsert + best.ms;
    const noMarkdown = prototype - times.markdown;
    notes.push(
      `prototype sync = the measured steps above with upsertTicket replaced by the last writer: ` +
        `${ms(prototype)} → fetch / sync ${ratio(fetchMs / prototype)}`,
      `then most of what is left is markdown rendering (${ms(times.markdown)}); rendering bodies ` +
        `when first shown (or off the sync path) would leave ≈ ${ms(noMarkdown)} → ` +
        `${ratio(fetchMs / noMarkdown)}`,
    );

    return {
      name: "cold-sync",
      date: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      rows: [
        {
          benchmark: "cold-sync",
          figure: `syncProject, 5,000 tickets, empty cache: ${ms(sync.ms)}`,
          baseline: `raw getItems of the node: ${ms(fetchMs)}`,
          ratio: ratio(fetchMs / sync.ms),
          goal: `fetch / sync ≥ ${GOAL}`,
          met: fetchMs / sync.ms >= GOAL,
        },
        {
          benchmark: "cold-sync (prototype: rows written in one transaction)",
          figure: `measured steps, better-sqlite3 writer: ${ms(prototype)}`,
          baseline: `raw getItems of the node: ${ms(fetchMs)}`,
          ratio: ratio(fetchMs / prototype),
          goal: `fetch / sync ≥ ${GOAL}`,
        },
      ],
      notes,
    };
  } finally {
    await alice.close();
    await stopInstance();
  }

  function snapshotRows(): unknown[] {
    const raw = openRawDb({ readonly: true });
    try {
      return snapshotTickets(raw, projectId(SERVICE, SLUG));
    } finally {
      raw.close();
    }
  }
}
