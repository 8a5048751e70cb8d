"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { lockThread, unlockThread } from "@/lib/forge/moderation/locks";
import {
  type AffiliationReport,
  blockPublisher,
  deleteItem,
  unblockPublisher,
} from "@/lib/forge/moderation/operations";
import { mergeRequestsPath, projectPath, ticketsPath } from "@/lib/forge/routes";
import { formValues, withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";

/** What the service did with the outcast affiliations, in a sentence. */
function serviceSaid({ accepted, refused }: AffiliationReport): string {
  if (refused === 0) return `the service applied it on ${accepted} nodes`;
  return `the service applied it on ${accepted} nodes and refused it on ${refused}; Pubforge hides them anyway`;
}

export async function blockAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId = "", target } = formValues(form);
    const report = await blockPublisher(viewer, projectId, { target });
    revalidatePath("/p", "layout");
    return { done: `Blocked ${target?.trim().toLowerCase()}: ${serviceSaid(report)}.` };
  });
}

export async function unblockAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId = "", target } = formValues(form);
    await unblockPublisher(viewer, projectId, { target });
    revalidatePath("/p", "layout");
    return { done: `Unblocked ${target}.` };
  });
}

export async function deleteItemAction(_: FormState, form: FormData): Promise<FormState> {
  const { projectId = "", kind, id } = formValues(form);
  const state = await withViewer<FormState>(form, async (viewer) => {
    await deleteItem(viewer, projectId, { kind, id });
    revalidatePath("/p", "layout");
    return { done: "Deleted." };
  });
  if (state.error) return state;
  // The page of a deleted ticket or merge request is gone: back to its list.
  if (kind === "ticket") redirect(ticketsPath(projectPath(projectId)));
  if (kind === "merge-request") redirect(mergeRequestsPath(projectPath(projectId)));
  return state;
}

export async function lockThreadAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId = "", parentId } = formValues(form);
    const { enforcedByService } = await lockThread(viewer, projectId, { parentId });
    revalidatePath("/p", "layout");
    return {
      done: enforcedByService
        ? "Locked."
        : "Locked here; the thread's pubsub service did not let Pubforge close it to others, so their comments are hidden instead.",
    };
  });
}

export async function unlockThreadAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId = "", parentId } = formValues(form);
    await unlockThread(viewer, projectId, { parentId });
    revalidatePath("/p", "layout");
    return { done: "Unlocked." };
  });
}
