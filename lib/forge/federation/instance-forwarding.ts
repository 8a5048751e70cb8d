import crypto from "node:crypto";
import type { Notification, Pool } from "pg";
import type { Element } from "@xmpp/xml";
import type { BackoffPolicy } from "@/lib/xmpp/backoff";
import { XmppFailure } from "@/lib/xmpp/errors";
import type { IqRequester } from "@/lib/xmpp/pubsub";
import { xmlString } from "@/lib/xmpp/xml-string";
import { PostgresListener } from "@/lib/events/postgres-listener";
import { forwardableIq, MAX_REQUEST_CHARS, outcomeOf, settleOutcome } from "./forwarded-iq";

/*
 * With several app processes on one PostgreSQL cache, only the holder of the instance lock has
 * the instance session. Another process forwards the instance's requests to it: a row of
 * "InstanceRequest" holding the iq, then NOTIFY on the requests channel; the holder claims the
 * row (NOTIFY "claimed" back), performs the iq with its session and writes the outcome into the
 * row (NOTIFY "answered"), and the requester reads it and deletes the row. The reply goes
 * through the row because it may be a whole node, far past NOTIFY's 8000 bytes. Only processes
 * that may write to the database can ask: the same trust as the shared cache itself.
 */

export const REQUESTS_CHANNEL = "pubforge_instance_requests";
export const REPLIES_CHANNEL = "pubforge_instance_replies";

/** How long a request waits for the holder to claim it: a takeover (a few seconds) fails it. */
export const CLAIM_MS = 5_000;
/** As XmppSession.request's own default. */
const REQUEST_TIMEOUT_MS = 30_000;
const STALE_ROWS_AFTER = "10 minutes";

export const NOT_CONNECTED = "Pubforge is not connected to XMPP right now. Try again soon.";

export interface ForwardingOptions {
  url: string;
  /** Whether this process holds the instance now: only then does it perform requests. */
  holds: () => boolean;
  /** Performs an iq with this process's own instance session (the holder's). */
  perform: (iq: Element) => Promise<Element>;
  claimMs?: number;
  retry?: BackoffPolicy;
}

interface Waiter {
  claimed: () => void;
  answered: () => void;
}

export class InstanceForwarding {
  private pool?: Pool;
  private readonly waiters = new Map<string, Waiter>();
  private readonly listener: PostgresListener;

  constructor(private readonly options: ForwardingOptions) {
    this.listener = new PostgresListener({
      url: options.url,
      channels: [REQUESTS_CHANNEL, REPLIES_CHANNEL],
      label: "forwarding",
      onNotification: (message) => this.received(message),
      retry: options.retry,
    });
  }

  /** Resolves once LISTEN is in place, or once the first attempt failed (it goes on retrying). */
  async start(): Promise<void> {
    const { Pool } = await import("pg");
    this.pool = new Pool({ connectionString: this.options.url, max: 4 });
    this.pool.on("error", (error) =>
      console.warn(`[forwarding] connection lost: ${error.message}`),
    );
    await this.listener.start();
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.listener.stop(), this.pool?.end()]);
  }

  /** The instance session as a process without it sees it: each request done by the holder. */
  requester(): IqRequester {
    return { request: (iq, timeoutMs) => this.forward(iq, timeoutMs) };
  }

  /**
   * Sends `iq` through the holder and answers with its reply, or throws as its session threw.
   * Unclaimed within `claimMs` (no holder, or one taking over): "not connected", like an
   * instance whose server is away.
   */
  async forward(iq: Element, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Element> {
    const pool = this.pool;
    const text = xmlString(iq);
    if (!pool || !this.listener.listening) throw new XmppFailure("disconnected", NOT_CONNECTED);
    if (text.length > MAX_REQUEST_CHARS) {
      throw new XmppFailure("bad-payload", "This is too large to send through the instance.");
    }
    const id = crypto.randomUUID();
    const claimMs = this.options.claimMs ?? CLAIM_MS;
    let timer: NodeJS.Timeout | undefined;
    const outcome = new Promise<"answered" | "unclaimed" | "late">((resolve) => {
      timer = setTimeout(() => resolve("unclaimed"), claimMs);
      this.waiters.set(id, {
        claimed: () => {
          clearTimeout(timer);
          timer = setTimeout(() => resolve("late"), timeoutMs + claimMs);
        },
        answered: () => resolve("answered"),
      });
    });
    try {
      await pool.query(
        `INSERT INTO "InstanceRequest" ("id", "iq", "expiresAt") ` +
          `VALUES ($1, $2, now() + $3 * interval '1 millisecond')`,
        [id, text, claimMs],
      );
      await pool.query("SELECT pg_notify($1, $2)", [REQUESTS_CHANNEL, id]);
      const how = await outcome;
      if (how === "unclaimed") throw new XmppFailure("disconnected", NOT_CONNECTED);
      if (how === "late") {
        throw new XmppFailure("timeout", "The instance's server took too long to answer.");
      }
      const { rows } = await pool.query<{ reply: string | null }>(
        `SELECT "reply" FROM "InstanceRequest" WHERE "id" = $1 AND "state" = 'answered'`,
        [id],
      );
      return settleOutcome(rows[0]?.reply);
    } finally {
      clearTimeout(timer);
      this.waiters.delete(id);
      await pool
        .query(`DELETE FROM "InstanceRequest" WHERE "id" = $1`, [id])
        .catch((error: Error) => console.warn(`[forwarding] ${error.message}`));
    }
  }

  /** The holder's side: claims the row (once, before it expires), performs it, answers. */
  private async perform(id: string): Promise<void> {
    const pool = this.pool;
    if (!pool || !this.options.holds()) return;
    const { rows } = await pool.query<{ iq: string }>(
      `UPDATE "InstanceRequest" SET "state" = 'claimed' ` +
        `WHERE "id" = $1 AND "state" = 'pending' AND "expiresAt" > now() RETURNING "iq"`,
      [id],
    );
    const row = rows[0];
    if (!row) return;
    await pool.query("SELECT pg_notify($1, $2)", [REPLIES_CHANNEL, `claimed:${id}`]);
    const iq = forwardableIq(row.iq);
    if (typeof iq === "string") console.warn(`[forwarding] refused a request: ${iq}`);
    const settled: PromiseSettledResult<Element> =
      typeof iq === "string"
        ? { status: "rejected", reason: new XmppFailure("bad-payload", `refused: ${iq}`) }
        : (await Promise.allSettled([this.options.perform(iq)]))[0]!;
    await pool.query(
      `UPDATE "InstanceRequest" SET "state" = 'answered', "reply" = $2 WHERE "id" = $1`,
      [id, JSON.stringify(outcomeOf(settled))],
    );
    await pool.query("SELECT pg_notify($1, $2)", [REPLIES_CHANNEL, `answered:${id}`]);
    // Rows of requesters that died before deleting theirs.
    await pool.query(
      `DELETE FROM "InstanceRequest" WHERE "createdAt" < now() - interval '${STALE_ROWS_AFTER}'`,
    );
  }

  private received(message: Notification): void {
    const payload = message.payload ?? "";
    if (message.channel === REQUESTS_CHANNEL) {
      if (!/^[0-9a-f-]{36}$/.test(payload)) return;
      this.perform(payload).catch((error: Error) =>
        console.warn(`[forwarding] could not answer a request: ${error.message}`),
      );
      return;
    }
    const [, state, id] = /^(claimed|answered):([0-9a-f-]{36})$/.exec(payload) ?? [];
    const waiter = id ? this.waiters.get(id) : undefined;
    if (state === "claimed") waiter?.claimed();
    if (state === "answered") waiter?.answered();
  }
}
