/**
 * Caps on open live streams. Each is a socket, a bus listener and a timer for as long as the
 * browser keeps it, and browsers reopen an EventSource by themselves: without caps one client
 * could hold any number. Several tabs of one person are normal (each tab holds one stream,
 * components/live/event-stream.ts); a whole office or campus behind one address more so, and
 * anonymous visitors count per address only.
 */
export interface StreamCaps {
  /** Per browser session (the cookie's XMPP session). */
  readonly perSession: number;
  /** Per client address (lib/http/client-address.ts). */
  readonly perAddress: number;
  /** For the whole process. */
  readonly total: number;
}

export const STREAM_CAPS: StreamCaps = { perSession: 8, perAddress: 128, total: 2_000 };

/** Seconds a refused client is told to wait (`Retry-After`) before asking again. */
export const STREAM_RETRY_AFTER_SECONDS = 30;

export type StreamAdmission =
  { ok: true; release: () => void } | { ok: false; limit: keyof StreamCaps; retryAfter: number };

export class StreamLimiter {
  private readonly sessions = new Map<string, number>();
  private readonly addresses = new Map<string, number>();
  private total = 0;

  constructor(private readonly caps: StreamCaps = STREAM_CAPS) {}

  /** Counts a new stream in, or says which cap it would pass; `release` when it ends (once). */
  admit(client: { session: string | null; address: string }): StreamAdmission {
    const refuse = (limit: keyof StreamCaps): StreamAdmission => ({
      ok: false,
      limit,
      retryAfter: STREAM_RETRY_AFTER_SECONDS,
    });
    if (this.total >= this.caps.total) return refuse("total");
    if (client.session && count(this.sessions, client.session) >= this.caps.perSession) {
      return refuse("perSession");
    }
    if (count(this.addresses, client.address) >= this.caps.perAddress) return refuse("perAddress");
    this.total++;
    if (client.session) add(this.sessions, client.session, 1);
    add(this.addresses, client.address, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        if (client.session) add(this.sessions, client.session, -1);
        add(this.addresses, client.address, -1);
      },
    };
  }

  get open(): number {
    return this.total;
  }
}

const count = (counts: Map<string, number>, key: string) => counts.get(key) ?? 0;

/** Keys are dropped at zero, so the maps hold only clients with a stream open. */
function add(counts: Map<string, number>, key: string, delta: number): void {
  const next = count(counts, key) + delta;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

const globalForStreams = globalThis as unknown as { pubforgeStreams?: StreamLimiter };

/** One limiter per Node process, shared by every route bundle Next.js builds. */
export function streamLimiter(): StreamLimiter {
  globalForStreams.pubforgeStreams ??= new StreamLimiter();
  return globalForStreams.pubforgeStreams;
}
