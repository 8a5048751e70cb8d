import crypto from "node:crypto";
import type { Notification, Pool } from "pg";
import { z } from "zod";
import type { BackoffPolicy } from "@/lib/xmpp/backoff";
import { changeBus, type ChangeBus, type ForgeChange } from "./bus";
import { inboxBus, type InboxBus, type InboxState } from "./inbox-bus";
import { PostgresListener } from "./postgres-listener";

/*
 * Changes and inbox counts between the app processes that share one PostgreSQL cache: each
 * process NOTIFYs what its buses publish and LISTENs, on a connection of its own, for the
 * others'. A process delivers its own at once (bus.ts, inbox-bus.ts), so it skips them when
 * they come back.
 */

export const CHANGES_CHANNEL = "pubforge_changes";

/** PostgreSQL refuses payloads from 8000 bytes; a change is a few ids, a count one JID: far below. */
const MAX_PAYLOAD_BYTES = 7_900;

/**
 * Another process may run an older or newer Pubforge, or anyone with the database's password may
 * NOTIFY: what arrives is checked like anything off the wire. Unknown fields are dropped.
 */
const origin = z.string().min(1).max(64);
const relayedChange = z.object({
  origin,
  change: z.object({
    projectId: z.string().min(1).max(1_000),
    kind: z.enum(["project", "ticket", "comment", "merge-request", "wiki"]),
    id: z.string().min(1).max(2_000),
    parentId: z.string().min(1).max(2_000).optional(),
  }),
});
/** A user's unread count after another process wrote or marked their notifications. */
const relayedInbox = z.object({
  origin,
  inbox: z.object({
    userJid: z.string().min(1).max(3_071),
    unread: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
});
const relayed = z.union([relayedChange, relayedInbox]);
export type Relayed = z.infer<typeof relayed>;

export function parseRelayed(payload: string | undefined): Relayed | undefined {
  if (!payload) return undefined;
  try {
    const parsed = relayed.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface ChangeFanoutOptions {
  url: string;
  /** A change another process published. */
  deliver: (change: ForgeChange) => void;
  /** A user's unread count another process published. */
  deliverInbox?: (userJid: string, state: InboxState) => void;
  /** LISTEN is back after its connection dropped: whatever was NOTIFYed meanwhile is lost. */
  onResumed?: () => void;
  retry?: BackoffPolicy;
}

export class PostgresChangeFanout {
  /** Tells this process's own NOTIFYs apart from the others'. */
  readonly origin = crypto.randomUUID();
  private notifier?: Pool;
  private readonly listener: PostgresListener;

  constructor(private readonly options: ChangeFanoutOptions) {
    this.listener = new PostgresListener({
      url: options.url,
      channels: [CHANGES_CHANNEL],
      label: "fanout",
      onNotification: (message) => this.received(message),
      onResumed: options.onResumed,
      retry: options.retry,
    });
  }

  /** Resolves once LISTEN is in place, or once the first attempt failed (it goes on retrying). */
  async start(): Promise<void> {
    const { Pool } = await import("pg");
    // One connection for NOTIFY, opened again by the pool after a drop; separate from LISTEN's
    // so that sending never waits for a reconnect.
    this.notifier = new Pool({ connectionString: this.options.url, max: 1 });
    this.notifier.on("error", (error) =>
      console.warn(`[fanout] NOTIFY connection lost: ${error.message}`),
    );
    await this.listener.start();
  }

  /** NOTIFYs a change this process published; a change lost on a failed send is only logged. */
  send(change: ForgeChange): void {
    this.notify({ origin: this.origin, change }, `change of ${change.projectId}`);
  }

  /** NOTIFYs a user's unread count this process published; lost on a failed send, like a change. */
  sendInbox(userJid: string, state: InboxState): void {
    this.notify({ origin: this.origin, inbox: { userJid, unread: state.unread } }, "inbox count");
  }

  private notify(message: Relayed, what: string): void {
    const payload = JSON.stringify(message);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      console.warn(`[fanout] ${what} too large to relay`);
      return;
    }
    this.notifier
      ?.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, payload])
      .catch((error: Error) =>
        console.warn(`[fanout] could not relay a ${what}: ${error.message}`),
      );
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.listener.stop(), this.notifier?.end()]);
  }

  private received(message: Notification): void {
    if (message.channel !== CHANGES_CHANNEL) return;
    const relayed = parseRelayed(message.payload);
    if (!relayed) {
      console.warn("[fanout] ignored a malformed notification");
      return;
    }
    if (relayed.origin === this.origin) return;
    if ("change" in relayed) this.options.deliver(relayed.change);
    else this.options.deliverInbox?.(relayed.inbox.userJid, { unread: relayed.inbox.unread });
  }
}

/**
 * Connects a process's change bus and inbox bus to the others sharing the PostgreSQL cache at
 * `url`. After LISTEN was down, every watched project gets a "project" change: its pages
 * re-render and show what they might have missed. Counts missed meanwhile are not caught up:
 * a tab shows the right one from its next page or its next count.
 */
export async function relayThroughPostgres(
  bus: ChangeBus,
  inbox: InboxBus,
  url: string,
  retry?: BackoffPolicy,
): Promise<PostgresChangeFanout> {
  const fanout = new PostgresChangeFanout({
    url,
    retry,
    deliver: (change) => bus.deliver(change),
    deliverInbox: (userJid, state) => inbox.deliver(userJid, state),
    onResumed: () => {
      for (const projectId of bus.watchedProjects()) {
        bus.deliver({ projectId, kind: "project", id: projectId });
      }
    },
  });
  bus.relayTo((change) => fanout.send(change));
  inbox.relayTo((userJid, state) => fanout.sendInbox(userJid, state));
  await fanout.start();
  return fanout;
}

const globalForFanout = globalThis as unknown as { pubforgeFanout?: Promise<unknown> };

/** This process's change and inbox buses, relayed through PostgreSQL; once per process. */
export function fanOutChangesThroughPostgres(url: string): Promise<unknown> {
  globalForFanout.pubforgeFanout ??= relayThroughPostgres(changeBus(), inboxBus(), url);
  return globalForFanout.pubforgeFanout;
}
