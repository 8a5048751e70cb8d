import { findProject } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import { XmppFailure } from "@/lib/xmpp/errors";

/** The cached project an operation acts on, or a failure saying it is gone. */
export async function loadProject(projectId: string): Promise<Project> {
  const project = await findProject(projectId);
  if (!project) throw new XmppFailure("item-not-found", "This project is not known here any more.");
  return project;
}
