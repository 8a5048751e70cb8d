/**
 * federation-latency (issue #5): a ticket published on pubsub.a.test, until an open page of
 * the b.test instance hears of it, next to the raw XMPP notification of the same publish.
 *
 * - Instance B is a real `next start` (production build in .next-bench, its own cache file
 *   .run/bench-b.db), signed in as forge@b.test. An anonymous visit of the project's page makes
 *   it fetch and follow the project, as a first visitor would.
 * - Figure: alice@a.test publishes (t0 just before sending) → `event: change` naming that item
 *   on B's `/events?project=` stream, read here with fetch. Path: pubsub.a.test → s2s → b.test
 *   → B's instance session → applyPubsubEvent (decode, cache upsert, change bus) → SSE → HTTP.
 * - Baseline, from the same publishes: the notification reaching dave@b.test, a plain session in
 *   this process with its own subscription: the same s2s hop, without Pubforge.
 * - 200 sequential publishes after 10 unmeasured ones; then B's part (applyItems) is replayed
 *   here on the same items, to say how much of the difference is the cache write.
 */
import fs from "node:fs";
import path from "node:path";
import { projectContentNodes, projectNodes } from "@/lib/forge/nodes";
import { encodeProjectInfo } from "@/lib/forge/projects/codec";
import { itemKey } from "@/lib/forge/routes";
import { applyItems } from "@/lib/forge/sync/sync";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { createNode, getItems, publish, subscribe } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { newTicket, rng } from "./corpus";
import type { BenchResult } from "./report";
import {
  ensureBuild,
  freshDatabase,
  type NextInstance,
  originOf,
  startInstance,
} from "./next-server";
import { A_IP, B_IP, HOSTS } from "./servers";
import { loadAverages, ms, percentile, ratio } from "./stats";

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVICE = "pubsub.a.test";
const INSTANCE_B: NextInstance = {
  name: "instance B",
  port: 3190,
  dbFile: ".run/bench-b.db",
  log: ".run/bench-b.log",
  env: {
    PUBFORGE_INSTANCE_JID: "forge@b.test",
    PUBFORGE_XMPP_HOSTS: `a.test=${A_IP}:5222,b.test=${B_IP}:5222`,
    PUBFORGE_MIRROR_DIR: ".run/mirrors-bench",
  },
};
const ORIGIN = originOf(INSTANCE_B);
const DB_FILE = INSTANCE_B.dbFile;
const LOG = INSTANCE_B.log;
const PUBLISHES = 200;
const WARMUP = 10;
const WAIT_MS = 10_000;
const DEMO_PASSWORD = process.env.PUBFORGE_DEMO_PASSWORD ?? "demo";

/** Starts B on a fresh cache and mirror directory. */
async function startInstanceB(): Promise<() => Promise<void>> {
  fs.rmSync(path.join(ROOT, ".run/mirrors-bench"), { recursive: true, force: true });
  await freshDatabase(INSTANCE_B);
  return startInstance(INSTANCE_B);
}

/** A public project with every node B follows, configured as createProject does. */
async function createPublicProject(forge: XmppSession, slug: string): Promise<void> {
  const nodes = projectNodes(slug);
  const configure = (publishModel: string, maxItems: string) => ({
    "pubsub#access_model": "open",
    "pubsub#publish_model": publishModel,
    "pubsub#max_items": maxItems,
    "pubsub#persist_items": "1",
    "pubsub#deliver_payloads": "1",
    "pubsub#notify_retract": "1",
  });
  // forge@a.test creates them: on this Prosody only admins may create nodes.
  for (const node of projectContentNodes(slug)) {
    const config = node === nodes.info ? configure("publishers", "1") : configure("open", "max");
    await createNode(forge, SERVICE, node, config);
  }
  const fields = { name: slug, description: "", cloneUrl: "", defaultBranch: "main" };
  const info = encodeProjectInfo(SERVICE, slug, { ...fields, scm: "git", access: "open" });
  await publish(forge, SERVICE, nodes.info, info, { id: "info" });
}

/** Reads an SSE stream; calls onEvent with each event's type, data and arrival time. */
async function readEvents(
  response: Response,
  onEvent: (type: string, data: string, at: number) => void,
): Promise<void> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const at = performance.now(); // when the bytes reached this process, before any parsing
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      let type = "message";
      const data: string[] = [];
      for (const line of buffer.slice(0, end).split("\n")) {
        const [field, ...rest] = line.split(":"); // ": comment" lines have an empty field
        const text = rest.join(":").replace(/^ /, "");
        if (field === "event") type = text;
        else if (field === "data") data.push(text);
      }
      buffer = buffer.slice(end + 2);
      if (data.length) onEvent(type, data.join("\n"), at);
    }
  }
}

const pct = (values: number[], rank: number) => ms(percentile(values, rank));
const summary = (values: number[]) =>
  `p50 ${pct(values, 50)}, p99 ${pct(values, 99)}, max ${ms(Math.max(...values))}`;

export async function runFederationLatency(): Promise<BenchResult> {
  const started = Date.now();
  const slug = `latency-${Date.now().toString(36)}`; // unique: the pair may be reused
  const nodes = projectNodes(slug);
  const build = await ensureBuild(INSTANCE_B);
  const stopInstanceB = await startInstanceB();
  const sessions: XmppSession[] = [];
  const open = async (jid: string, password: string) => {
    sessions.push(await XmppSession.open({ jid, password, hosts: HOSTS }));
    return sessions.at(-1)!;
  };
  const events = new AbortController();
  try {
    const forge = await open("forge@a.test", process.env.PUBFORGE_INSTANCE_PASSWORD!);
    const alice = await open("alice@a.test", DEMO_PASSWORD);
    const dave = await open("dave@b.test", DEMO_PASSWORD);
    await createPublicProject(forge, slug);

    // B learns of the project as from a first visitor: the page fetches it and follows it.
    const followStart = performance.now();
    const page = await fetch(`${ORIGIN}/p/${SERVICE}/${slug}`);
    if (page.status !== 200) throw new Error(`B's project page answered ${page.status}`);
    const followMs = performance.now() - followStart;

    // Arrival times by item id; the item ids are ours, as a notification may beat the reply.
    const arrivals = new Map<string, { raw?: number; sse?: number; both?: () => void }>();
    const arrived = (itemId: string, side: "raw" | "sse", at: number) => {
      const times = arrivals.get(itemId);
      if (!times || times[side] !== undefined) return;
      times[side] = at;
      if (times.raw !== undefined && times.sse !== undefined) times.both?.();
    };
    await subscribe(dave, SERVICE, nodes.tickets, dave.jid);
    dave.on("pubsub", (event) => {
      const at = performance.now();
      if (event.kind !== "items" || event.node !== nodes.tickets) return;
      for (const item of event.items) arrived(item.id, "raw", at);
    });
    const project = encodeURIComponent(`${SERVICE}/${slug}`);
    const stream = await fetch(`${ORIGIN}/events?project=${project}`, { signal: events.signal });
    if (stream.status !== 200) throw new Error(`B's /events answered ${stream.status}`);
    const prefix = itemKey(SERVICE, nodes.tickets, "");
    void readEvents(stream, (type, data, at) => {
      const id = type === "change" ? (JSON.parse(data) as { id?: string }).id : undefined;
      if (id?.startsWith(prefix)) arrived(id.slice(prefix.length), "sse", at);
    }).catch((error) => {
      if (!events.signal.aborted) console.error(`[federation-latency] SSE: ${error}`);
    });

    const random = rng(5);
    const publishOnce = async (index: number) => {
      const itemId = `t${index}`;
      // Built before t0: turning markdown into XHTML is the author's cost, not delivery's.
      const form = newTicketForm(newTicket(random, index));
      const times: { raw?: number; sse?: number; both?: () => void } = {};
      arrivals.set(itemId, times);
      const seen = (at?: number) => (at === undefined ? "missing" : "arrived");
      let timer: NodeJS.Timeout | undefined;
      const both = new Promise<void>((resolve, reject) => {
        times.both = resolve;
        const fail = () =>
          `${itemId} after ${WAIT_MS} ms: notification to dave@b.test (over s2s) ` +
          `${seen(times.raw)}, SSE event from B ${seen(times.sse)} (B's output: ${LOG})`;
        timer = setTimeout(() => reject(new Error(fail())), WAIT_MS);
      });
      const t0 = performance.now();
      await publish(alice, SERVICE, nodes.tickets, form, { id: itemId });
      const ack = performance.now() - t0;
      await both.finally(() => clearTimeout(timer));
      return { index, ack, raw: times.raw! - t0, sse: times.sse! - t0 };
    };

    // Warm-up: the first notifications pay B's first upsert, JIT and connection set-up.
    for (let i = 0; i < WARMUP; i++) await publishOnce(i);
    const loadBefore = loadAverages();
    const samples = [];
    for (let i = WARMUP; i < WARMUP + PUBLISHES; i++) samples.push(await publishOnce(i));
    const loadAfter = loadAverages();
    const raw = samples.map((s) => s.raw);
    const sse = samples.map((s) => s.sse);
    const extra = samples.map((s) => s.sse - s.raw);

    // B's own step, replayed here on the same items (one per call, as notifications bring
    // them) into this process's cache file (same code and pragmas), warm-up items first.
    const number = (id: string) => Number(id.slice(1));
    const items = await getItems(alice, SERVICE, nodes.tickets);
    items.sort((a, b) => number(a.id) - number(b.id));
    await applyItems(SERVICE, nodes.info, await getItems(alice, SERVICE, nodes.info));
    const applyMs: number[] = [];
    for (const item of items) {
      const start = performance.now();
      await applyItems(SERVICE, nodes.tickets, [item]);
      if (number(item.id) >= WARMUP) applyMs.push(performance.now() - start);
    }
    const applyShare = (percentile(applyMs, 50) / percentile(extra, 50)) * 100;
    const slowest = [...samples].sort((a, b) => b.sse - a.sse).slice(0, 5);

    const row = (rank: number) => ({
      benchmark: `federation-latency p${rank}`,
      figure: `publish on a.test → SSE change on the b.test instance: ${pct(sse, rank)}`,
      baseline: `raw XMPP notification to dave@b.test: ${pct(raw, rank)}`,
      ratio: ratio(percentile(sse, rank) / percentile(raw, rank)),
      goal: "measured (no number set)",
    });
    return {
      name: "federation-latency",
      date: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      rows: [row(50), row(99)],
      notes: [
        `instance B: \`next start\` on ${ORIGIN} as forge@b.test (${build}), fresh cache ` +
          `${DB_FILE}; it fetched and followed the project on an anonymous GET of its page in ` +
          `${ms(followMs)}`,
        `${PUBLISHES} tickets (newTicketForm, no comments node) published one at a time by ` +
          `alice@a.test after ${WARMUP} unmeasured ones, each after both arrivals of the ` +
          `previous one; publish acknowledged after ${summary(samples.map((s) => s.ack))}`,
        `load average (1, 5, 15 min) before the ${PUBLISHES} publishes: ${loadBefore}; ` +
          `after: ${loadAfter}`,
        `raw: the notification reaching dave@b.test (own subscription and c2s stream, in the ` +
          `bench process): ${summary(raw)}`,
        `SSE: \`event: change\` for the item on B's /events stream (fetch in the bench ` +
          `process): ${summary(sse)}`,
        `SSE − raw, per publish: ${summary(extra)}. It is B's work after the same s2s hop: ` +
          `its session parses the notification, applyPubsubEvent decodes the ticket, builds ` +
          `the row and upserts it (one SQLite transaction; WAL, synchronous NORMAL), the change ` +
          `bus calls the stream's listener, the event goes out as an HTTP chunk; plus waiting ` +
          `for a core (three busy processes on 2 cores)`,
        `the cache part, applyItems for one ticket (decode + row + upsertTickets + bus) ` +
          `replayed in the bench process on the same items: ${summary(applyMs)}, i.e. ` +
          `${applyShare.toFixed(0)}% of the median difference; the rest is B's XML parsing, ` +
          `the SSE write and the HTTP hop`,
        `slowest SSE deliveries (publish #: SSE / raw): ` +
          slowest.map((s) => `#${s.index}: ${ms(s.sse)} / ${ms(s.raw)}`).join(", "),
      ],
    };
  } finally {
    events.abort();
    await Promise.all(sessions.map((session) => session.close()));
    await stopInstanceB();
  }
}
