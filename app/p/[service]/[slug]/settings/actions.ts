"use server";

import { revalidatePath } from "next/cache";
import { importIntoHosting } from "@/lib/forge/repositories/import";
import { pushNow, removePushMirror, setPushMirror } from "@/lib/forge/repositories/push-mirror";
import { setThreadRule } from "@/lib/forge/projects/thread-rule";
import { formValues, withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";
import { publicOrigin } from "@/lib/http/origin";

export async function setPushMirrorAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  const state = await withViewer<FormState>(form, async (viewer) => {
    await setPushMirror(viewer, values.projectId ?? "", values);
    revalidatePath("/p", "layout");
    return { done: "Push mirror saved. Merges will be pushed there." };
  });
  // The token goes one way: never back into the page, not even to refill the form.
  if (state.values) delete state.values.secret;
  return state;
}

export async function removePushMirrorAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await removePushMirror(viewer, formValues(form).projectId ?? "");
    revalidatePath("/p", "layout");
    return { done: "Push mirror removed." };
  });
}

export async function pushNowAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const outcome = await pushNow(viewer, formValues(form).projectId ?? "");
    revalidatePath("/p", "layout");
    return outcome.pushed
      ? { done: "Pushed." }
      : { error: { message: `Not pushed: ${outcome.reason}` } };
  });
}

export async function importIntoHostingAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await importIntoHosting(viewer, formValues(form).projectId ?? "", {
      origin: await publicOrigin(),
    });
    revalidatePath("/p", "layout");
    return { done: "The repository is hosted here now." };
  });
}

export async function setThreadRuleAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const required = form.get("required");
    await setThreadRule(viewer, String(form.get("projectId") ?? ""), {
      required: typeof required === "string" ? required : undefined,
    });
    revalidatePath("/p", "layout");
    return { done: "Saved." };
  });
}
