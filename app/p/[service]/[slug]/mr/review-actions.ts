"use server";

import { revalidatePath } from "next/cache";
import { changeReviewers, giveVerdict } from "@/lib/forge/merge-requests/review";
import { setRequiredApprovals } from "@/lib/forge/projects/required-approvals";
import { formValues, withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";

export async function changeReviewersAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { mergeRequestId, jid, change } = formValues(form);
    await changeReviewers(viewer, mergeRequestId ?? "", { jid, change });
    revalidatePath("/p", "layout");
    return { done: change === "add" ? `Review requested from ${jid}.` : `${jid} removed.` };
  });
}

export async function giveVerdictAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { mergeRequestId, value, revision, body } = formValues(form);
    await giveVerdict(viewer, mergeRequestId ?? "", { value, revision, markdown: body ?? "" });
    revalidatePath("/p", "layout");
    return { done: "Review published." };
  });
}

export async function setRequiredApprovalsAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId, requiredApprovals } = formValues(form);
    await setRequiredApprovals(viewer, projectId ?? "", { requiredApprovals });
    revalidatePath("/p", "layout");
    return { done: "Required approvals saved." };
  });
}
