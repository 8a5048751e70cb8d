// Two applies of one item can end in another order than their versions arrived: the
// notification of an edit waits on a maintainers query while the editor's next edit, read back,
// is written first. Each row keeps when its version was received (observedAt, this instance's
// clock, never the item's own dates, which its publisher chooses), and an older version is not
// written over a newer one.

export interface Observed {
  id: string;
  observedAt: Date | null;
}

/** The records not older than what the cache holds of the same item. */
export function notOlderThanCached<T extends Observed>(
  records: readonly T[],
  cached: ReadonlyMap<string, Date | null>,
): T[] {
  return records.filter((record) => {
    const stored = cached.get(record.id);
    return !stored || !record.observedAt || record.observedAt >= stored;
  });
}

export const observations = (rows: readonly Observed[]) =>
  new Map(rows.map((row) => [row.id, row.observedAt]));
