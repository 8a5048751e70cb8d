"use server";

import { redirect } from "next/navigation";
import { actionError, type ActionError } from "@/lib/http/action-result";
import { currentViewer } from "@/lib/http/browser-session";
import { locateProject, openProject } from "@/lib/forge/projects/operations";
import { projectPath } from "@/lib/forge/routes";

export type OpenProjectState = { error?: ActionError; value?: string };

export async function openProjectAction(
  _: OpenProjectState,
  form: FormData,
): Promise<OpenProjectState> {
  const value = String(form.get("address") ?? "").trim();
  let id: string;
  try {
    const where = locateProject(value);
    id = await openProject(await currentViewer(), where.service, where.slug);
  } catch (error) {
    return { error: actionError(error), value };
  }
  redirect(projectPath(id));
}
