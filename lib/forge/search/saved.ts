import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  countSavedSearches,
  deleteSavedSearch,
  insertSavedSearch,
  savedSearchesOf,
} from "@/lib/cache/saved-searches";
import { ForgeError } from "@/lib/forge/errors";
import type { Viewer } from "@/lib/forge/viewer";
import { MAX_SEARCH_QUERY } from "./query";

/** Enough for anyone's habits, and a bound on what one account can store here. */
export const MAX_SAVED_SEARCHES = 50;

export const SavedSearchFormSchema = z.object({
  name: z.string().trim().min(1, "Name the search").max(80),
  query: z.string().trim().min(1, "There is no search to save").max(MAX_SEARCH_QUERY),
});

export interface SavedSearchSummary {
  readonly id: string;
  readonly name: string;
  readonly query: string;
}

export async function saveSearch(viewer: Viewer, input: unknown): Promise<SavedSearchSummary> {
  const { name, query } = SavedSearchFormSchema.parse(input);
  if ((await countSavedSearches(viewer.jid)) >= MAX_SAVED_SEARCHES) {
    throw new ForgeError("too-many-saved-searches", { max: MAX_SAVED_SEARCHES });
  }
  const id = randomUUID();
  await insertSavedSearch({ id, ownerJid: viewer.jid, name, query });
  return { id, name, query };
}

export async function listSavedSearches(viewer: Viewer): Promise<SavedSearchSummary[]> {
  return (await savedSearchesOf(viewer.jid)).map(({ id, name, query }) => ({ id, name, query }));
}

export async function removeSavedSearch(viewer: Viewer, id: unknown): Promise<void> {
  const searchId = z.string().uuid().safeParse(id);
  if (!searchId.success || !(await deleteSavedSearch(viewer.jid, searchId.data))) {
    throw new ForgeError("saved-search-gone");
  }
}
