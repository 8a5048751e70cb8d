import type { Client, Notification } from "pg";
import { Backoff, type BackoffPolicy } from "@/lib/xmpp/backoff";

export const LISTEN_RETRY: BackoffPolicy = {
  initialMs: 500,
  maxMs: 15_000,
  factor: 2,
  jitter: 0.5,
};

export interface PostgresListenerOptions {
  url: string;
  channels: readonly string[];
  /** Names the listener in the log. */
  label: string;
  onNotification: (message: Notification) => void;
  /** LISTEN is back after its connection dropped: whatever was NOTIFYed meanwhile is lost. */
  onResumed?: () => void;
  retry?: BackoffPolicy;
}

/**
 * LISTEN on a PostgreSQL connection of its own, opened again with backoff whenever it drops,
 * until stopped. Shared by the processes' change fan-out and the instance's forwarded requests.
 */
export class PostgresListener {
  private client?: Client;
  private readonly retry: Backoff;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private listenedBefore = false;

  constructor(private readonly options: PostgresListenerOptions) {
    this.retry = new Backoff(options.retry ?? LISTEN_RETRY);
  }

  /** Whether LISTEN is in place now. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Resolves once LISTEN is in place, or once the first attempt failed (it goes on retrying). */
  start(): Promise<void> {
    return this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end();
  }

  private async listen(): Promise<void> {
    const { label } = this.options;
    const { Client } = await import("pg");
    const client = new Client({ connectionString: this.options.url });
    // A terminated backend emits "error" then "end"; only "end" starts over, once.
    client.on("error", (error) => console.warn(`[${label}] LISTEN connection: ${error.message}`));
    client.on("end", () => this.dropped(client));
    client.on("notification", (message) => this.options.onNotification(message));
    try {
      await client.connect();
      for (const channel of this.options.channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      console.warn(`[${label}] cannot LISTEN: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      this.scheduleListen();
      return;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.retry.reset();
    if (this.listenedBefore) this.options.onResumed?.();
    this.listenedBefore = true;
  }

  private dropped(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.scheduleListen();
  }

  private scheduleListen(): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.listen(), this.retry.next());
    this.retryTimer.unref();
  }
}
