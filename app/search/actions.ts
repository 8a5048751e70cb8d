"use server";

import { revalidatePath } from "next/cache";
import { DASHBOARD_PATH, SEARCH_PATH } from "@/lib/forge/routes";
import { removeSavedSearch, saveSearch } from "@/lib/forge/search/saved";
import { withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";

export async function saveSearchAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const saved = await saveSearch(viewer, { name: form.get("name"), query: form.get("query") });
    revalidatePath(SEARCH_PATH);
    revalidatePath(DASHBOARD_PATH);
    return { done: `Saved as “${saved.name}”.` };
  });
}

export async function deleteSavedSearchAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await removeSavedSearch(viewer, form.get("id"));
    revalidatePath(SEARCH_PATH);
    revalidatePath(DASHBOARD_PATH);
    return { done: "Saved search deleted." };
  });
}
