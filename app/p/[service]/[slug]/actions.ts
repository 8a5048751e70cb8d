"use server";

import { revalidatePath } from "next/cache";
import { mirrorProject, setMaintainer } from "@/lib/forge/projects/operations";
import { formValues, withViewer, type FormStateBase } from "@/lib/http/form-action";

export type MaintainerState = FormStateBase & { done?: string };

export async function setMaintainerAction(
  _: MaintainerState,
  form: FormData,
): Promise<MaintainerState> {
  return withViewer<MaintainerState>(form, async (viewer) => {
    const { jid, role, projectId } = formValues(form);
    await setMaintainer(viewer, projectId ?? "", { jid, role });
    revalidatePath("/p", "layout");
    return { done: `${jid} updated.` };
  });
}

export type MirrorState = FormStateBase;

export async function mirrorProjectAction(_: MirrorState, form: FormData): Promise<MirrorState> {
  return withViewer<MirrorState>(form, async () => {
    await mirrorProject(formValues(form).projectId ?? "");
    revalidatePath("/p", "layout");
  });
}
