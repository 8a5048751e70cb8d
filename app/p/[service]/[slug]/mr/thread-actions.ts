"use server";

import { revalidatePath } from "next/cache";
import { replyToComment, setThreadResolution } from "@/lib/forge/comments/thread-operations";
import { withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";

/** A reply to a comment of a merge request (its thread's form, opened by its Reply button). */
export async function replyAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await replyToComment(viewer, form.get("commentId"), form.get("body"));
    revalidatePath("/p", "layout");
    return { done: "Reply posted." };
  });
}

/** Resolves or reopens the thread of a merge request that a comment starts. */
export async function resolveThreadAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const state = form.get("state");
    await setThreadResolution(viewer, form.get("commentId"), state);
    revalidatePath("/p", "layout");
    return { done: state === "resolved" ? "Thread resolved." : "Thread reopened." };
  });
}
