import { randomBytes } from "node:crypto";
import type { ConnectOptions } from "./connect";
import { XmppSession } from "./session";

/** A session that ended by itself (password changed, account deleted), kept to say why. */
export interface EndedSession {
  jid: string;
  domain: string;
  reason?: string;
}

// Enough to explain every recent ending; old ones go first (a Map keeps insertion order).
const MAX_ENDED = 1_000;

/**
 * The server-side XMPP sessions of signed-in users, keyed by an unguessable id that the
 * browser holds in its encrypted cookie (as Movim keeps one session per user).
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, XmppSession>();
  private readonly endedSessions = new Map<string, EndedSession>();
  /** Closed here on purpose (signed out, replaced by a new sign-in): its cookie is signed out. */
  private readonly closedIds = new Set<string>();

  async open(options: ConnectOptions): Promise<{ id: string; session: XmppSession }> {
    return this.add(await XmppSession.open(options));
  }

  /** Registers a session that is already open (tests pass one around a fake client). */
  add(session: XmppSession): { id: string; session: XmppSession } {
    const id = randomBytes(18).toString("base64url");
    this.sessions.set(id, session);
    session.on("status", (status) => {
      if (status !== "offline" || this.sessions.get(id) !== session) return;
      // Ended by itself rather than by close(): remember why, for the person's next page.
      this.sessions.delete(id);
      this.endedSessions.set(id, {
        jid: session.jid,
        domain: session.domain,
        reason: session.offlineReason,
      });
      dropOldest(this.endedSessions);
    });
    return { id, session };
  }

  get(id: string | undefined): XmppSession | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  /** A live session of the bare JID `jid` (someone signed in here), if there is one. */
  sessionOf(jid: string): XmppSession | undefined {
    for (const session of this.sessions.values()) {
      if (session.jid === jid && session.status === "online") return session;
    }
    return undefined;
  }

  /** Why the session `id` ended, when it ended by itself; undefined for live or signed-out ones. */
  ended(id: string | undefined): EndedSession | undefined {
    return id ? this.endedSessions.get(id) : undefined;
  }

  /**
   * Whether this process closed the session `id` on purpose. A cookie naming a session that is
   * neither live, ended nor closed here names one this process never held (lib/http).
   */
  closedHere(id: string | undefined): boolean {
    return id !== undefined && this.closedIds.has(id);
  }

  async close(id: string): Promise<void> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    this.endedSessions.delete(id);
    this.closedIds.add(id);
    dropOldest(this.closedIds);
    await session?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
  }

  get size(): number {
    return this.sessions.size;
  }
}

/** Keeps a record of recent ids from growing past MAX_ENDED: old ones go first. */
function dropOldest(ids: Map<string, unknown> | Set<string>): void {
  if (ids.size <= MAX_ENDED) return;
  const oldest = ids.keys().next().value;
  if (oldest !== undefined) ids.delete(oldest);
}

const globalForRegistry = globalThis as unknown as { pubforgeSessions?: SessionRegistry };

/** One registry per Node process, shared by every route bundle Next.js builds. */
export function sessionRegistry(): SessionRegistry {
  globalForRegistry.pubforgeSessions ??= new SessionRegistry();
  return globalForRegistry.pubforgeSessions;
}
