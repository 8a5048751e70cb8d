/**
 * Fan-out of cache changes to whoever is watching a project (the SSE streams) in this process.
 * Where several processes share a PostgreSQL cache, postgres-fanout.ts relays each change to the
 * others, whose streams watch the same projects.
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
  private readonly changesByProject = new Map<string, number>();
  private relay?: (change: ForgeChange) => void;

  /** Where publish() also sends each change, once: the other processes sharing the cache. */
  relayTo(relay: (change: ForgeChange) => void): void {
    this.relay = relay;
  }

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
    this.deliver(change);
    this.relay?.(change);
  }

  /** To this process's listeners only: for a change another process published. */
  deliver(change: ForgeChange): void {
    const { projectId } = change;
    this.changesByProject.set(projectId, (this.changesByProject.get(projectId) ?? 0) + 1);
    for (const listener of this.byProject.get(change.projectId) ?? []) {
      try {
        listener(change);
      } catch (error) {
        console.error("change listener failed", error);
      }
    }
  }

  /**
   * How many changes of a project this process has heard of (its own and, through the relay,
   * other processes'). Whatever is derived from the project's rows stays valid while this
   * number stays the same, so it can be computed once per change rather than per request.
   */
  changeCount(projectId: string): number {
    return this.changesByProject.get(projectId) ?? 0;
  }

  listenerCount(projectId: string): number {
    return this.byProject.get(projectId)?.size ?? 0;
  }

  watchedProjects(): string[] {
    return [...this.byProject.keys()];
  }
}

const globalForBus = globalThis as unknown as { pubforgeChanges?: ChangeBus };

export function changeBus(): ChangeBus {
  globalForBus.pubforgeChanges ??= new ChangeBus();
  return globalForBus.pubforgeChanges;
}
