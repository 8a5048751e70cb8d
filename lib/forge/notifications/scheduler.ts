/**
 * When each user's next notification message goes out. The first event opens a batch window;
 * everything written until it closes goes in one message. Messages to one user are also rate
 * limited: at least one window apart, and at most HOURLY_MESSAGE_CAP an hour; past that, the
 * events wait in the inbox and go in the first message allowed.
 */
export const HOURLY_MESSAGE_CAP = 30;
const HOUR_MS = 60 * 60 * 1000;

export interface Clock {
  now(): number;
  setTimer(task: () => void, ms: number): unknown;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (task, ms) => setTimeout(task, ms).unref(),
};

export class DeliveryScheduler {
  private readonly pending = new Set<string>();
  private readonly sentAt = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    /** Sends what waits for a user; true when a message went out. */
    private readonly send: (userJid: string) => Promise<boolean>,
    private readonly clock: Clock = realClock,
  ) {}

  schedule(userJid: string): void {
    if (this.pending.has(userJid)) return; // already in an open window
    this.pending.add(userJid);
    const delay = Math.max(this.windowMs, this.nextAllowed(userJid) - this.clock.now());
    this.clock.setTimer(() => void this.run(userJid), delay);
  }

  isPending(userJid: string): boolean {
    return this.pending.has(userJid);
  }

  private nextAllowed(userJid: string): number {
    const sent = this.recentSends(userJid);
    const last = sent.at(-1);
    const afterLast = last === undefined ? 0 : last + this.windowMs;
    const underCap = sent.length >= HOURLY_MESSAGE_CAP ? sent[0]! + HOUR_MS : 0;
    return Math.max(afterLast, underCap);
  }

  private recentSends(userJid: string): number[] {
    const now = this.clock.now();
    const sent = (this.sentAt.get(userJid) ?? []).filter((at) => now - at < HOUR_MS);
    if (sent.length) this.sentAt.set(userJid, sent);
    else this.sentAt.delete(userJid);
    return sent;
  }

  private async run(userJid: string): Promise<void> {
    this.pending.delete(userJid);
    try {
      if (await this.send(userJid)) {
        this.sentAt.set(userJid, [...this.recentSends(userJid), this.clock.now()]);
      }
    } catch (error) {
      console.error(`[notifications] message to ${userJid} failed:`, error);
    }
  }
}
