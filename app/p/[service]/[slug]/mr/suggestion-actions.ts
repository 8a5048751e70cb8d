"use server";

import { revalidatePath } from "next/cache";
import { applySuggestions } from "@/lib/forge/suggestions/apply";
import { withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";

/** One suggestion (its button) or a batch (the checked boxes), all as `comment` fields. */
export async function applySuggestionsAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const revision = await applySuggestions(
      viewer,
      String(form.get("mergeRequestId")),
      form.getAll("comment").map(String),
    );
    revalidatePath("/p", "layout");
    return { done: `Applied: revision ${revision} holds the change.` };
  });
}
