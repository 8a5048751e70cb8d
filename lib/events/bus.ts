/**
 * Fan-out of cache changes to whoever is watching a project (the SSE streams). In-process on
 * purpose: sessions, cache writes and streams all live in the one Node process (as in Movim).
 */
export interface ForgeChange {
  projectId: string;
  kind: "project" | "ticket" | "comment" | "merge-request" | "wiki";
  /** The changed item's cache id, so a page showing one item can ignore the others. */
  id: string;
  /** For comments: the cache id of the ticket or merge request they belong to. */
  parentId?: string;
}

type Listener = (change: ForgeChange) => void;

export class ChangeBus {
  private readonly byProject = new Map<string, Set<Listener>>();

  subscribe(projectId: string, listener: Listener): () => void {
    let listeners = this.byProject.get(projectId);
    if (!listeners) {
      listeners = new Set();
      this.byProject.set(projectId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.byProject.delete(projectId);
    };
  }

  publish(change: ForgeChange): void {
    for (const listener of this.byProject.get(change.projectId) ?? []) {
      try {
        listener(change);
      } catch (error) {
        console.error("change listener failed", error);
      }
    }
  }

  listenerCount(projectId: string): number {
    return this.byProject.get(projectId)?.size ?? 0;
  }
}

const globalForBus = globalThis as unknown as { pubforgeChanges?: ChangeBus };

export function changeBus(): ChangeBus {
  globalForBus.pubforgeChanges ??= new ChangeBus();
  return globalForBus.pubforgeChanges;
}
