import { getDb } from "./db";

/** The cached trackers whose items carry short numbers: tickets (#12), merge requests (!7). */
export type NumberedKind = "ticket" | "merge-request";

export interface NumberHolder {
  /** The cache id ("<service>/<node>/<itemId>"). */
  id: string;
  itemId: string;
  created: Date;
}

/** The highest number an item of `node` has in the cache; 0 for none. */
export async function highestItemNumber(
  kind: NumberedKind,
  service: string,
  node: string,
): Promise<number> {
  const db = await getDb();
  const where = { service, node };
  const result =
    kind === "ticket"
      ? await db.ticket.aggregate({ where, _max: { number: true } })
      : await db.mergeRequest.aggregate({ where, _max: { number: true } });
  return result._max.number ?? 0;
}

/**
 * The items of `node` holding `number`, first come first: by creation date, then item id
 * (the order every instance agrees on, see lib/forge/items/numbering.ts).
 */
export async function itemsNumbered(
  kind: NumberedKind,
  service: string,
  node: string,
  number: number,
): Promise<NumberHolder[]> {
  const db = await getDb();
  const query = {
    where: { service, node, number },
    select: { id: true, itemId: true, created: true },
    orderBy: [{ created: "asc" as const }, { itemId: "asc" as const }],
  };
  return kind === "ticket" ? db.ticket.findMany(query) : db.mergeRequest.findMany(query);
}
