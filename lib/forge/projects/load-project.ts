import { findProject } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import { ForgeError } from "@/lib/forge/errors";

/** The cached project an operation acts on, or a failure saying it is gone. */
export async function loadProject(projectId: string): Promise<Project> {
  const project = await findProject(projectId);
  if (!project) throw new ForgeError("project-gone");
  return project;
}
