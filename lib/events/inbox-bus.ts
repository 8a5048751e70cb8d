import type { InboxState } from "./inbox-state";

export type { InboxState };

type Listener = (state: InboxState) => void;

/**
 * Fan-out of a user's unread count to their open tabs in this process (the header's inbox
 * link), keyed by bare JID. In-process only: where several processes share a PostgreSQL cache,
 * a tab served by another process than the one that wrote the notification sees the count on
 * its next page (docs/architecture.md §13).
 */
export class InboxBus {
  private readonly byUser = new Map<string, Set<Listener>>();

  subscribe(userJid: string, listener: Listener): () => void {
    const listeners = this.byUser.get(userJid) ?? new Set();
    this.byUser.set(userJid, listeners);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.byUser.delete(userJid);
    };
  }

  hasListeners(userJid: string): boolean {
    return this.byUser.has(userJid);
  }

  publish(userJid: string, state: InboxState): void {
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
