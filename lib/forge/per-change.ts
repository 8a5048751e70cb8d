import { changeBus } from "@/lib/events/bus";

/**
 * Answers derived from a project's cached rows, computed once per change of the project rather
 * than on every visit. Every cache write of a project is announced on the change bus (the
 * domains' sync.ts; blocks and locks too), and its count of the project's changes is read
 * before the query starts: a change committed meanwhile makes the next call compute again.
 * At most `maxEntries` answers are kept; the least recently computed go first.
 */
export function perChange<T>(maxEntries: number) {
  const computed = new Map<string, { changes: number; answer: Promise<T> }>();
  return (projectId: string, key: string, compute: () => Promise<T>): Promise<T> => {
    const id = `${projectId}\n${key}`;
    const changes = changeBus().changeCount(projectId);
    const known = computed.get(id);
    if (known && known.changes === changes) return known.answer;
    const entry = { changes, answer: compute() };
    computed.delete(id);
    computed.set(id, entry);
    if (computed.size > maxEntries) computed.delete(computed.keys().next().value!);
    // A failed query is not kept: the next visit asks again.
    entry.answer.catch(() => {
      if (computed.get(id) === entry) computed.delete(id);
    });
    return entry.answer;
  };
}
