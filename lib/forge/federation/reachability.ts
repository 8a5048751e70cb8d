/**
 * Whether each home service of a followed project answers. The instance checks every such
 * service on a slow heartbeat, and quickly (backing off) while one is away, so pages can say
 * "read-only: the home server is away" and the instance can catch up the moment it returns.
 * Server-to-server liveness only: browsers never poll; they hear about changes over SSE.
 */
export interface Reachability {
  reachable: boolean;
  /** When the current state began (for "unreachable since …"). */
  since: Date;
}

export interface ReachabilityOptions {
  /** Resolves if the service answered, rejects with `isOutage(error)` true if it is away. */
  probe: (service: string) => Promise<void>;
  /** Which probe failures mean "away" (others mean the service answered, with an error). */
  isOutage: (error: unknown) => boolean;
  onChange: (service: string, state: Reachability) => void;
  heartbeatMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  now?: () => Date;
  setTimer?: (run: () => void, ms: number) => { cancel(): void };
}

const defaultTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return { cancel: () => clearTimeout(timer) };
};

export class ReachabilityWatch {
  private readonly states = new Map<string, Reachability>();
  private readonly timers = new Map<string, { cancel(): void }>();
  private readonly failures = new Map<string, number>();
  private readonly options: Required<ReachabilityOptions>;

  constructor(options: ReachabilityOptions) {
    this.options = {
      heartbeatMs: 10_000,
      retryMinMs: 1_000,
      retryMaxMs: 15_000,
      now: () => new Date(),
      setTimer: defaultTimer,
      ...options,
    };
  }

  /** A service never checked, or not watched, counts as reachable: nothing says otherwise. */
  status(service: string): Reachability {
    return this.states.get(service) ?? { reachable: true, since: new Date(0) };
  }

  watched(): string[] {
    return [...this.timers.keys()];
  }

  /** Starts checking a service (idempotent). */
  watch(service: string): void {
    if (this.timers.has(service)) return;
    this.schedule(service, this.options.heartbeatMs);
  }

  unwatch(service: string): void {
    this.timers.get(service)?.cancel();
    this.timers.delete(service);
  }

  stop(): void {
    for (const service of [...this.timers.keys()]) this.unwatch(service);
  }

  /** What a failed request elsewhere learnt: check again soon rather than at the heartbeat. */
  reportOutage(service: string): void {
    this.set(service, false);
    if (this.timers.has(service)) this.schedule(service, this.retryDelay(service));
  }

  /** Checks a service now; resolves to what it found. */
  async check(service: string): Promise<boolean> {
    let reachable = true;
    try {
      await this.options.probe(service);
    } catch (error) {
      reachable = !this.options.isOutage(error);
    }
    this.set(service, reachable);
    return reachable;
  }

  private schedule(service: string, ms: number): void {
    this.timers.get(service)?.cancel();
    this.timers.set(
      service,
      this.options.setTimer(() => {
        void this.check(service).then((reachable) => {
          if (!this.timers.has(service)) return;
          this.schedule(service, reachable ? this.options.heartbeatMs : this.retryDelay(service));
        });
      }, ms),
    );
  }

  private retryDelay(service: string): number {
    const failures = this.failures.get(service) ?? 1;
    const { retryMinMs, retryMaxMs } = this.options;
    return Math.min(retryMinMs * 2 ** (failures - 1), retryMaxMs);
  }

  private set(service: string, reachable: boolean): void {
    this.failures.set(service, reachable ? 0 : (this.failures.get(service) ?? 0) + 1);
    if (this.status(service).reachable === reachable) return;
    const state = { reachable, since: this.options.now() };
    this.states.set(service, state);
    this.options.onChange(service, state);
  }
}
