/**
 * Delays between reconnect attempts: doubling from `initialMs` up to `maxMs`, each shortened by
 * a random part (up to `jitter` of it) so that the hundreds of sessions a restarted server
 * dropped at the same instant do not all knock on its door at the same instant again.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0 = exact delays; 0.5 = each delay is somewhere between half and all of its base. */
  jitter: number;
}

export const RECONNECT_BACKOFF: BackoffPolicy = {
  initialMs: 1_000,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.5,
};

/** The delay before attempt number `attempt` (0 = the first retry). `random` returns [0, 1). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = RECONNECT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(base * (1 - jitter * random()));
}

/** Counts attempts; `reset()` when a connection succeeded, so the next outage starts short. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy = RECONNECT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const delay = backoffDelay(this.attempt, this.policy, this.random);
    // Past the cap the count no longer matters; stopping it keeps factor ** attempt finite.
    if (this.policy.initialMs * this.policy.factor ** this.attempt < this.policy.maxMs) {
      this.attempt += 1;
    }
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
