"use server";

import { revalidatePath } from "next/cache";
import { mirrorProject, setMaintainer } from "@/lib/forge/projects";
import { actionError, type ActionError } from "@/lib/http/action-result";
import { currentViewer } from "@/lib/http/browser-session";

export type MaintainerState = { error?: ActionError; done?: string; jid?: string };

export async function setMaintainerAction(
  _: MaintainerState,
  form: FormData,
): Promise<MaintainerState> {
  const jid = String(form.get("jid") ?? "");
  const viewer = await currentViewer();
  if (!viewer) return { error: { message: "Your session has ended. Sign in again." }, jid };
  try {
    await setMaintainer(viewer, String(form.get("projectId")), { jid, role: form.get("role") });
  } catch (error) {
    return { error: actionError(error), jid };
  }
  revalidatePath("/p", "layout");
  return { done: `${jid} updated.` };
}

export type MirrorState = { error?: ActionError };

export async function mirrorProjectAction(_: MirrorState, form: FormData): Promise<MirrorState> {
  const viewer = await currentViewer();
  if (!viewer) return { error: { message: "Your session has ended. Sign in again." } };
  try {
    await mirrorProject(String(form.get("projectId")));
  } catch (error) {
    return { error: actionError(error) };
  }
  revalidatePath("/p", "layout");
  return {};
}
