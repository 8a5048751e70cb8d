"use server";

import { revalidatePath } from "next/cache";
import { allowCiBot, removeCiBot } from "@/lib/forge/checks/bots";
import { setRequiredChecks } from "@/lib/forge/checks/required";
import { formValues, withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";

export async function allowCiBotAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId, jid } = formValues(form);
    await allowCiBot(viewer, projectId ?? "", { jid });
    revalidatePath("/p", "layout");
    return { done: `${jid} may publish checks now.` };
  });
}

export async function removeCiBotAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId, jid } = formValues(form);
    await removeCiBot(viewer, projectId ?? "", { jid });
    revalidatePath("/p", "layout");
    return { done: `${jid} removed: its checks no longer count.` };
  });
}

export async function setRequiredChecksAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { projectId, names } = formValues(form);
    await setRequiredChecks(viewer, projectId ?? "", { names: names ?? "" });
    revalidatePath("/p", "layout");
    return { done: "Required checks saved." };
  });
}
