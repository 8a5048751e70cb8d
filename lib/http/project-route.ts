import { notFound } from "next/navigation";
import { findProject } from "@/lib/cache/projects";
import { canViewProject } from "@/lib/forge/projects/access";
import { isManagedService } from "@/lib/forge/federation/instance";
import { openProject } from "@/lib/forge/projects/operations";
import { projectId } from "@/lib/forge/nodes";
import { currentViewer } from "./browser-session";
import { projectPath } from "@/lib/forge/routes";

export interface ProjectParams {
  service: string;
  slug: string;
}

/** The project a /p/<service>/<slug>/… page is about, or a 404 for those who may not see it. */
export async function loadProject(params: Promise<ProjectParams>) {
  const { service, slug } = await params;
  const id = projectId(decodeURIComponent(service), decodeURIComponent(slug));
  const viewer = await currentViewer();
  // A project this instance has not seen yet is fetched from its pubsub service on the first
  // visit: any visit for projects on the instance's own service, only a signed-in one for
  // others (an anonymous visit must not make the instance follow and probe any server named).
  const home = decodeURIComponent(service);
  const project =
    (await findProject(id)) ??
    (await (
      viewer || isManagedService(home)
        ? openProject(viewer, home, decodeURIComponent(slug))
        : Promise.reject(new Error("not opened for an anonymous visit"))
    )
      .then(() => findProject(id))
      .catch(() => null));
  if (!project || !(await canViewProject(id, viewer))) notFound();
  return { project, viewer, base: projectPath(project.id) };
}
