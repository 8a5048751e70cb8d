import { highestItemNumber, itemsNumbered, type NumberedKind } from "@/lib/cache/item-numbers";

/**
 * Short numbers of new tickets and merge requests. The number lives in the item itself (its
 * `number` field), so every instance caching the node reads the same one and a cache rebuilt
 * from pubsub finds it again.
 *
 * A new item takes the highest number its node has in this instance's cache, plus one; the
 * cache follows the node's notifications, so it is current up to the last moment. Two people
 * creating items at that same moment, on two instances, can still pick the same number. So
 * right after publishing, the creator looks again: if another item of the node holds the same
 * number and came first, by (created, item id), the creator republishes its own item with the
 * next free number, and checks again. The item that came first keeps its number, and everyone
 * agrees on which that is, since they compare the same two published values.
 */
export async function nextItemNumber(
  kind: NumberedKind,
  service: string,
  node: string,
): Promise<number> {
  return (await highestItemNumber(kind, service, node)) + 1;
}

/** A creator racing this many others in a row gives up and keeps a shared number. */
const MAX_RENUMBERINGS = 5;

/**
 * Settles the number of an item this instance just published and cached: returns the number
 * it ends up with, after `renumber` republished (and cached) it as often as needed.
 */
export async function settleItemNumber(
  kind: NumberedKind,
  item: { service: string; node: string; itemId: string; number: number },
  renumber: (number: number) => Promise<void>,
): Promise<number> {
  let number = item.number;
  for (let attempt = 0; attempt < MAX_RENUMBERINGS; attempt++) {
    const [first] = await itemsNumbered(kind, item.service, item.node, number);
    if (!first || first.itemId === item.itemId) return number;
    number = await nextItemNumber(kind, item.service, item.node);
    await renumber(number);
  }
  return number;
}
