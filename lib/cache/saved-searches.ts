import type { SavedSearch } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

// Not a cache of pubsub: the searches people saved on this instance (see prisma/schema.prisma).

export async function insertSavedSearch(record: Omit<SavedSearch, "created">): Promise<void> {
  const db = await getDb();
  await db.savedSearch.create({ data: record });
}

export async function savedSearchesOf(ownerJid: string): Promise<SavedSearch[]> {
  const db = await getDb();
  return db.savedSearch.findMany({ where: { ownerJid }, orderBy: { created: "asc" } });
}

export async function countSavedSearches(ownerJid: string): Promise<number> {
  const db = await getDb();
  return db.savedSearch.count({ where: { ownerJid } });
}

/** Deletes one of `ownerJid`'s saved searches; false when they have no such search. */
export async function deleteSavedSearch(ownerJid: string, id: string): Promise<boolean> {
  const db = await getDb();
  return (await db.savedSearch.deleteMany({ where: { id, ownerJid } })).count > 0;
}
