/**
 * Counts failed attempts per key in a sliding window and says how long a key must wait once
 * it has used its allowance. Kept in memory, like the XMPP sessions it protects: a restart
 * forgets both. Old entries are dropped as they are read, and the map is swept when it grows,
 * so a flood of distinct keys cannot grow it without bound.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly allowed: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.allowed) return 0;
    const oldest = recent[recent.length - this.allowed]!;
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(key: string): void {
    if (this.failures.size >= this.maxKeys) this.sweep();
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** A success forgets the key's failures (a person who remembered their password). */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent.slice(-this.allowed);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
    // Still full of fresh keys: forget the oldest rather than grow.
    for (const key of this.failures.keys()) {
      if (this.failures.size < this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}
