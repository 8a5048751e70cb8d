"use server";

import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/http/browser-session";
import { actionError, type ActionError } from "@/lib/http/action-result";
import { createProject } from "@/lib/forge/projects/operations";
import { projectPath } from "@/lib/forge/routes";
import { publicOrigin } from "@/lib/http/origin";

export type NewProjectState = { error?: ActionError; values?: Record<string, string> };

export async function createProjectAction(
  _: NewProjectState,
  form: FormData,
): Promise<NewProjectState> {
  const values = Object.fromEntries(
    [
      "service",
      "slug",
      "name",
      "description",
      "scm",
      "cloneUrl",
      "defaultBranch",
      "access",
      "repository",
    ].map((k) => [k, String(form.get(k) ?? "")]),
  );
  const viewer = await currentViewer();
  if (!viewer)
    return {
      error: { message: "Your session has ended. Sign in again; your text is kept." },
      values,
    };
  let id: string;
  try {
    id = await createProject(viewer, values, { origin: await publicOrigin() });
  } catch (error) {
    return { error: actionError(error), values };
  }
  redirect(projectPath(id));
}
