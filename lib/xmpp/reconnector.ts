import { Backoff } from "./backoff";

/**
 * Drives @xmpp/reconnect (bundled in @xmpp/client) with exponential backoff instead of its
 * fixed 1 s. That module re-reads `reconnect.delay` each time the entity emits 'disconnect'
 * (a lost stream, or a failed attempt) and schedules the next attempt with it; so the delay is
 * set in a listener *prepended* to 'disconnect', which runs before the module's own listener.
 */
export interface ReconnectHook {
  delay: number;
  scheduleReconnect(): void;
  stop(): void;
  on(event: "reconnecting", listener: () => void): unknown;
  removeListener(event: "reconnecting", listener: () => void): unknown;
}

/** The parts of an @xmpp/client Client this module touches (tests pass a fake entity). */
export interface ReconnectableClient {
  readonly status: string;
  readonly reconnect: ReconnectHook;
  prependListener(event: "disconnect", listener: () => void): unknown;
  on(event: "online", listener: () => void): unknown;
  removeListener(event: "disconnect" | "online", listener: () => void): unknown;
  disconnect(): Promise<unknown>;
}

export interface ReconnectorOptions {
  backoff?: Backoff;
  /** While someone waits for the connection (a form action), the longest pause between tries. */
  hurriedMs?: number;
  /** An attempt that neither comes online nor fails within this time is dropped and retried. */
  attemptTimeoutMs?: number;
  now?: () => number;
}

export class Reconnector {
  private readonly backoff: Backoff;
  private readonly hurriedMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly now: () => number;
  private waiting = 0;
  private nextAttemptAt = 0;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly client: ReconnectableClient,
    options: ReconnectorOptions = {},
  ) {
    this.backoff = options.backoff ?? new Backoff();
    this.hurriedMs = options.hurriedMs ?? 1_000;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 20_000;
    this.now = options.now ?? (() => Date.now());
    client.prependListener("disconnect", this.onDisconnect);
    client.on("online", this.onOnline);
    client.reconnect.on("reconnecting", this.onAttempt);
  }

  /** Attempts made since the connection was last online. */
  get attempts(): number {
    return this.backoff.attempts;
  }

  /**
   * Someone is waiting for the connection: try again within `hurriedMs` rather than at the end
   * of a long backoff, so a server that came back is found while they still wait. Call the
   * returned function when done waiting.
   */
  hurry(): () => void {
    this.waiting += 1;
    const now = this.now();
    if (
      !this.stopped &&
      this.client.status === "disconnect" &&
      this.nextAttemptAt - now > this.hurriedMs
    ) {
      this.client.reconnect.delay = this.hurriedMs;
      this.client.reconnect.scheduleReconnect();
      this.nextAttemptAt = now + this.hurriedMs;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.waiting -= 1;
    };
  }

  /** No more attempts, ever (the session ended). */
  stop(): void {
    this.stopped = true;
    this.clearWatchdog();
    this.client.reconnect.stop();
    this.client.removeListener("disconnect", this.onDisconnect);
    this.client.removeListener("online", this.onOnline);
    this.client.reconnect.removeListener("reconnecting", this.onAttempt);
  }

  private readonly onDisconnect = (): void => {
    this.clearWatchdog();
    if (this.stopped) return;
    // Hurried attempts leave the backoff where it was: ten quick tries while a form waited
    // must not send the session straight to the longest delay once the form gave up.
    const delay = this.waiting > 0 ? this.hurriedMs : this.backoff.next();
    this.client.reconnect.delay = delay;
    this.nextAttemptAt = this.now() + delay;
  };

  private readonly onOnline = (): void => {
    this.clearWatchdog();
    this.backoff.reset();
  };

  // xmpp.js gives up on a stream that opens but never finishes negotiating without emitting
  // 'disconnect', which would stop the retries for good; closing it restarts the cycle.
  private readonly onAttempt = (): void => {
    this.clearWatchdog();
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      const { status } = this.client;
      if (this.stopped || status === "online" || status === "disconnect") return;
      this.client.disconnect().catch(() => {});
    }, this.attemptTimeoutMs);
    this.watchdog.unref?.();
  };

  private clearWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }
}
