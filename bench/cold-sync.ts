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
 * 4. Where the time goes: the tickets phase again, step by step with the same lib functions
 *    applyItems calls, each timed (decode, record incl. markdown, upsertTicket).
 * 5. Prototype: the same rows written in one better-sqlite3 transaction (checked identical).
 */
import { isDeepStrictEqual } from "node:util";
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
  total: number;
}

/** The tickets phase of syncProject/applyItems, step by step, each step timed. */
async function stepwiseSync(
  alice: Session,
): Promise<{ times: Breakdown; records: TicketRecord[] }> {
  const nodes = projectNodes(SLUG);
  const id = projectId(SERVICE, SLUG);
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
  // How much of "record" is the markdown → sanitised HTML rendering (timed apart, afterwards).
  const t = performance.now();
  for (const record of records) renderMarkdown(record.bodyMarkdown);
  times.markdown = performance.now() - t;
  return { times, records };
}

/** Prototype: fetch + decode + record as today, then ONE transaction for all rows. */
async function batchedSync(alice: Session): Promise<{ total: number; write: number }> {
  const nodes = projectNodes(SLUG);
  const id = projectId(SERVICE, SLUG);
  const raw = openRawDb();
  try {
    const write = bulkTicketWriter(raw);
    const start = performance.now();
    await applyItems(
      SERVICE,
      nodes.info,
      await getItems(alice, SERVICE, nodes.info, { ids: ["info"] }),
    );
    const items: PubsubItem[] = await getItems(alice, SERVICE, nodes.tickets);
    const records = items.map((item) => {
      const decoded = decodeTicket(item.element);
      if (!decoded.ok) throw new Error(decoded.reason);
      return ticketRecord(id, SERVICE, nodes.tickets, item, decoded.ticket);
    });
    const written = await timed(() => write(records));
    for (const record of records)
      changeBus().publish({ projectId: id, kind: "ticket", id: record.id });
    return { total: performance.now() - start, write: written.ms };
  } finally {
    raw.close();
  }
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
    for (let i = 0; i < FETCHES; i++) {
      const fetched = await timed(() => getItems(alice, SERVICE, node));
      fetchTimes.push(fetched.ms);
      items = fetched.value;
    }
    if (items.length !== TICKETS) throw new Error(`fetched ${items.length} items, not ${TICKETS}`);
    const bytes = items.reduce((sum, item) => sum + item.element.toString().length, 0);
    items = [];
    const fetchMs = median(fetchTimes);
    notes.push(
      `raw fetch (getItems of the whole node, c2s, ${(bytes / 2 ** 20).toFixed(1)} MB of items): ` +
        `${fetchTimes.map(ms).join(", ")}; median ${ms(fetchMs)}`,
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
    const { times } = await stepwiseSync(alice);
    const libRows = snapshotRows();
    const perTicket = (value: number) => `${((value / TICKETS) * 1000).toFixed(0)} µs/ticket`;
    const share = (value: number) => `${((value / times.total) * 100).toFixed(0)}%`;
    notes.push(
      `where the time goes (the tickets phase replayed step by step with the functions applyItems ` +
        `calls; total ${ms(times.total)} vs ${ms(sync.ms)} for syncProject):`,
      "",
      "| step | time | share | per ticket |",
      "| --- | --- | --- | --- |",
      `| info phase (1 item) | ${ms(times.info)} | ${share(times.info)} | |`,
      `| fetch (getItems: server + XML parse) | ${ms(times.fetch)} | ${share(times.fetch)} | ${perTicket(times.fetch)} |`,
      `| decodeTicket (data form → Ticket) | ${ms(times.decode)} | ${share(times.decode)} | ${perTicket(times.decode)} |`,
      `| ticketRecord (incl. markdown → sanitised HTML: ${ms(times.markdown)}) | ${ms(times.record)} | ${share(times.record)} | ${perTicket(times.record)} |`,
      `| upsertTicket (Prisma: 1 transaction of 3 statements per ticket) | ${ms(times.upsert)} | ${share(times.upsert)} | ${perTicket(times.upsert)} |`,
      `| changeBus.publish | ${ms(times.announce)} | ${share(times.announce)} | ${perTicket(times.announce)} |`,
      "",
    );

    await emptyCache();
    const batched = await batchedSync(alice);
    if (!isDeepStrictEqual(libRows, snapshotRows())) {
      throw new Error("the prototype's rows differ from upsertTicket's");
    }
    const withoutMarkdown = batched.total - times.markdown;
    notes.push(
      `prototype (bench/bulk-write.ts): same fetch, decode and records, then all rows in ONE ` +
        `better-sqlite3 transaction with prepared statements (rows checked identical to ` +
        `upsertTicket's): ${ms(batched.total)} total, of which writing ${ms(batched.write)} ` +
        `(vs ${ms(times.upsert)} via upsertTicket) → ratio ${ratio(fetchMs / batched.total)}`,
      `what is left after that is mostly markdown rendering (${ms(times.markdown)}); without it ` +
        `(rendering bodies when first shown, or off the sync path) the estimate is ` +
        `${ms(withoutMarkdown)} → ratio ≈ ${ratio(fetchMs / withoutMarkdown)}`,
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
          benchmark: "cold-sync (prototype: one transaction)",
          figure: `bench/bulk-write.ts writer: ${ms(batched.total)}`,
          baseline: `raw getItems of the node: ${ms(fetchMs)}`,
          ratio: ratio(fetchMs / batched.total),
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
