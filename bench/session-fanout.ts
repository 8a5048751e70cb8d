/**
 * The fan-out half of session-memory: one live stream per signed-in session, opened as
 * app/events/route.ts opens them (lib/events/live-stream.ts: the viewer's session state and one
 * project's changes, through the change bus), all watching the same project; then tickets
 * published on pubsub, each reaching the instance session, the cache and every stream.
 *
 * - Figure: publish sent (t0) → `change` event read from each stream's body, in this process
 *   (no HTTP hop: the bytes are the ones `next start` would write to each socket).
 * - Baseline: the same publish's notification reaching a plain session with its own
 *   subscription (the raw XMPP delivery, without Pubforge).
 */
import { changeBus } from "@/lib/events/bus";
import { liveStream } from "@/lib/events/live-stream";
import { describeSession } from "@/lib/events/session-state";
import { projectId as projectIdOf, projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";
import { applyPubsubEvent } from "@/lib/forge/sync/sync";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { createNode, publish, subscribe } from "@/lib/xmpp/pubsub";
import type { PubsubEvent } from "@/lib/xmpp/pubsub-event";
import type { XmppSession } from "@/lib/xmpp/session";
import { newTicket, rng } from "./corpus";
import { createProjectRow } from "./filter";

const SERVICE = "pubsub.a.test";
const WAIT_MS = 30_000;
let runs = 0;

export interface OpenStreams {
  count: number;
  /** Resolves with each stream's arrival time (performance.now()) of the change naming `id`. */
  arrivals(id: string): Promise<number[]>;
  close(): void;
}

/** One stream per session, each read to the end like a browser's EventSource would. */
export function openStreams(sessions: readonly XmppSession[], projectId: string): OpenStreams {
  const aborts: AbortController[] = [];
  let waiting: { id: string; times: number[]; done: (times: number[]) => void } | undefined;
  for (const session of sessions) {
    const abort = new AbortController();
    aborts.push(abort);
    const request = new Request("http://bench.invalid/events", { signal: abort.signal });
    const response = liveStream(request, {
      state: describeSession(session),
      session,
      projectId,
      release: () => {},
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        const at = performance.now();
        const text = decoder.decode(value, { stream: true });
        const target = waiting;
        if (target && text.startsWith("event: change") && text.includes(target.id)) {
          target.times.push(at);
          if (target.times.length === sessions.length) target.done(target.times);
        }
      }
    })();
  }
  return {
    count: sessions.length,
    arrivals: (id) =>
      new Promise((resolve) => {
        waiting = { id, times: [], done: resolve };
      }),
    close: () => aborts.forEach((abort) => abort.abort()),
  };
}

export interface FanoutSamples {
  /** Per publish: t0 → the raw notification. */
  raw: number[];
  /** Per publish: t0 → the last stream's event. */
  last: number[];
  /** Per publish: the last stream's event − the raw notification (Pubforge's own share). */
  added: number[];
  /** Every stream's t0 → event, all publishes together. */
  perStream: number[];
  cpuMsPerPublish: number[];
  /** Per change put on the bus directly: the synchronous call that reaches every stream. */
  busMs: number[];
}

/**
 * The project (cache row + its tickets node on pubsub.a.test), the instance session applying
 * what it is notified of, and `publishes` tickets sent one at a time by `author`, each after
 * every stream and the raw watcher heard of the previous one.
 */
export async function fanOut(options: {
  forge: XmppSession;
  author: XmppSession;
  watcher: XmppSession;
  sessions: readonly XmppSession[];
  warmup: number;
  publishes: number;
}): Promise<FanoutSamples> {
  const { forge, author, watcher } = options;
  const slug = `fanout-${Date.now().toString(36)}-${++runs}`; // unique: the pair may be reused
  const node = projectNodes(slug).tickets;
  await createProjectRow(slug, "Fan-out bench");
  await createNode(forge, SERVICE, node, {
    "pubsub#access_model": "open",
    "pubsub#publish_model": "open",
    "pubsub#max_items": "max",
    "pubsub#persist_items": "1",
    "pubsub#deliver_payloads": "1",
    "pubsub#notify_retract": "1",
  });
  // The instance session's job in the app (lib/forge/federation/instance.ts), minus following.
  const apply = (event: PubsubEvent) => {
    applyPubsubEvent(event).catch((error) => console.error(`[fan-out] apply: ${error}`));
  };
  forge.on("pubsub", apply);
  await subscribe(forge, SERVICE, node, forge.jid);
  await subscribe(watcher, SERVICE, node, watcher.jid);
  let rawWaiting: { id: string; done: (at: number) => void } | undefined;
  const heard = (event: PubsubEvent) => {
    const at = performance.now();
    if (event.kind !== "items") return;
    if (event.items.some((item) => item.id === rawWaiting?.id)) rawWaiting?.done(at);
  };
  watcher.on("pubsub", heard);

  const streams = openStreams(options.sessions, projectIdOf(SERVICE, slug));
  const samples: FanoutSamples = {
    raw: [],
    last: [],
    added: [],
    perStream: [],
    cpuMsPerPublish: [],
    busMs: [],
  };
  const random = rng(9);
  try {
    for (let i = 0; i < options.warmup + options.publishes; i++) {
      const itemId = `t${i}`;
      const form = newTicketForm(newTicket(random, i));
      const id = JSON.stringify(itemKey(SERVICE, node, itemId));
      const streamed = streams.arrivals(id);
      const raw = new Promise<number>((resolve) => {
        rawWaiting = { id: itemId, done: resolve };
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${itemId}: not everywhere after ${WAIT_MS} ms`)),
          WAIT_MS,
        );
      });
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      await publish(author, SERVICE, node, form, { id: itemId });
      const [times, rawAt] = await Promise.race([Promise.all([streamed, raw]), timeout]).finally(
        () => clearTimeout(timer),
      );
      const used = process.cpuUsage(cpu);
      if (i < options.warmup) continue;
      samples.raw.push(rawAt - t0);
      samples.last.push(Math.max(...times) - t0);
      samples.added.push(Math.max(...times) - rawAt);
      samples.perStream.push(...times.map((at) => at - t0));
      samples.cpuMsPerPublish.push((used.user + used.system) / 1000);
    }
    // The bus's part alone: the listeners' calls, each stream's event encoded and queued.
    const projectId = projectIdOf(SERVICE, slug);
    for (let i = 0; i < options.publishes; i++) {
      const id = itemKey(SERVICE, node, `bus${i}`);
      const streamed = streams.arrivals(JSON.stringify(id));
      const start = performance.now();
      changeBus().publish({ projectId, kind: "ticket", id });
      samples.busMs.push(performance.now() - start);
      await streamed;
    }
  } finally {
    streams.close();
    forge.off("pubsub", apply);
    watcher.off("pubsub", heard);
  }
  return samples;
}
