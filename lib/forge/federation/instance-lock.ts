import type { Client } from "pg";

/*
 * Which of the app processes sharing a PostgreSQL cache holds the instance session: the one
 * holding a session-level advisory lock on a connection of its own. PostgreSQL releases the
 * lock when that connection closes, the holder's process dying included, and the others, trying
 * every few seconds, take it over.
 */

/** Two int4 keys: a key space apart from the bigint keys of lib/cache/item-lock.ts. */
const LOCK_KEYS = [0x70756266, 1] as const; // "pubf", the instance session

export const LOCK_RETRY_MS = 3_000;

export interface LockHolderOptions {
  url: string;
  /** This process now holds the lock. */
  onAcquired: () => void;
  /** It lost it (its connection dropped): another process may hold it already. */
  onLost: () => void;
  retryMs?: number;
}

export class InstanceLock {
  private client?: Client;
  private holding = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: LockHolderOptions) {}

  get held(): boolean {
    return this.holding;
  }

  /** Resolves after the first attempt; tries again every few seconds until it holds the lock. */
  async start(): Promise<void> {
    await this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.holding = false;
    await client?.end().catch(() => undefined);
  }

  private async attempt(): Promise<void> {
    try {
      const client = await this.connection();
      const result = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock($1, $2) AS locked",
        [...LOCK_KEYS],
      );
      if (result.rows[0]?.locked && this.client === client && !this.stopped) {
        this.holding = true;
        this.options.onAcquired();
        return;
      }
    } catch (error) {
      console.warn(`[instance-lock] ${(error as Error).message}`);
    }
    this.schedule();
  }

  /** The connection the lock is tried on, kept between attempts; a new one after a drop. */
  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const { Client } = await import("pg");
    const client = new Client({ connectionString: this.options.url });
    client.on("error", (error) => console.warn(`[instance-lock] connection: ${error.message}`));
    client.on("end", () => this.dropped(client));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      if (this.client === client) this.client = undefined;
      throw error;
    }
    return client;
  }

  private dropped(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (!this.holding) return; // a waiter's attempt is already scheduled, or failing now
    this.holding = false;
    this.options.onLost();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.attempt(), this.options.retryMs ?? LOCK_RETRY_MS);
    this.timer.unref();
  }
}
