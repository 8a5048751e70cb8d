"use server";

import { revalidatePath } from "next/cache";
import { keepOverwrite, revertOverwrite } from "@/lib/forge/items/restore";
import { mirrorProject, setMaintainer } from "@/lib/forge/projects/operations";
import { setMergeStrategies } from "@/lib/forge/projects/merge-strategies";
import { formValues, withViewer } from "@/lib/http/form-action";
import type { FormState } from "@/lib/http/form-state";

export async function setMaintainerAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const { jid, role, projectId } = formValues(form);
    await setMaintainer(viewer, projectId ?? "", { jid, role });
    revalidatePath("/p", "layout");
    return { done: `${jid} updated.` };
  });
}

export async function mirrorProjectAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await mirrorProject(viewer, formValues(form).projectId ?? "");
    revalidatePath("/p", "layout");
  });
}

export async function revertOverwriteAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const publisher = await revertOverwrite(viewer, formValues(form));
    revalidatePath("/p", "layout");
    return { done: `Reverted to the version ${publisher || "its author"} published.` };
  });
}

export async function keepOverwriteAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await keepOverwrite(viewer, formValues(form));
    revalidatePath("/p", "layout");
    return { done: "Kept." };
  });
}

export async function setMergeStrategiesAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await setMergeStrategies(viewer, String(form.get("projectId") ?? ""), {
      strategies: form.getAll("strategies"),
    });
    revalidatePath("/p", "layout");
    return { done: "Merge strategies saved." };
  });
}
