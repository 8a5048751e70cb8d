import type { InboxState } from "./inbox-state";

export type { InboxState };

type Listener = (state: InboxState) => void;

/**
 * Fan-out of a user's unread count to their open tabs (the header's inbox link), keyed by bare
 * JID. Where several processes share a PostgreSQL cache, postgres-fanout.ts relays each count
 * to the others, whose tabs may be the user's.
 */
export class InboxBus {
  private readonly byUser = new Map<string, Set<Listener>>();
  private relay?: (userJid: string, state: InboxState) => void;

  /** Where publish() also sends each count, once: the other processes sharing the cache. */
  relayTo(relay: (userJid: string, state: InboxState) => void): void {
    this.relay = relay;
  }

  subscribe(userJid: string, listener: Listener): () => void {
    const listeners = this.byUser.get(userJid) ?? new Set();
    this.byUser.set(userJid, listeners);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.byUser.delete(userJid);
    };
  }

  /**
   * Whether a count for this user may reach a tab: one of this process's, or, once relayed,
   * one of another process's (which this one cannot know of). Saves counting for nobody.
   */
  mayBeListening(userJid: string): boolean {
    return this.relay !== undefined || this.byUser.has(userJid);
  }

  publish(userJid: string, state: InboxState): void {
    this.deliver(userJid, state);
    this.relay?.(userJid, state);
  }

  /** To this process's tabs only: for a count another process published. */
  deliver(userJid: string, state: InboxState): void {
    for (const listener of this.byUser.get(userJid) ?? []) {
      try {
        listener(state);
      } catch (error) {
        console.error("inbox listener failed", error);
      }
    }
  }
}

const globalForInbox = globalThis as unknown as { pubforgeInbox?: InboxBus };

export function inboxBus(): InboxBus {
  globalForInbox.pubforgeInbox ??= new InboxBus();
  return globalForInbox.pubforgeInbox;
}
