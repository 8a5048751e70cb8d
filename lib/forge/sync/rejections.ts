/** Why an item was not cached: shown to maintainers instead of silently dropping it. */
export interface Rejected {
  node: string;
  itemId: string;
  reason: string;
}

/**
 * Items that were on a project's nodes but could not be read (another client's malformed
 * payload, a foreign form). Kept in memory, like the cache they would have gone into, so the
 * project's pages can say what is missing and why instead of hiding it.
 */
const globalForRejections = globalThis as unknown as {
  pubforgeRejections?: Map<string, Map<string, Rejected>>;
};

function byProject(): Map<string, Map<string, Rejected>> {
  globalForRejections.pubforgeRejections ??= new Map();
  return globalForRejections.pubforgeRejections;
}

export function noteRejected(projectId: string, rejected: Rejected): void {
  let items = byProject().get(projectId);
  if (!items) {
    items = new Map();
    byProject().set(projectId, items);
  }
  items.set(`${rejected.node}\n${rejected.itemId}`, rejected);
}

/** An item that now reads fine (republished, or retracted) is no longer reported. */
export function clearRejected(projectId: string, node: string, itemId: string): void {
  byProject().get(projectId)?.delete(`${node}\n${itemId}`);
}

export function rejectedItems(projectId: string): Rejected[] {
  return [...(byProject().get(projectId)?.values() ?? [])];
}
