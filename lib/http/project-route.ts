import { notFound } from "next/navigation";
import { cache } from "react";
import { changeBus } from "@/lib/events/bus";
import { findProject } from "@/lib/cache/projects";
import { canViewProject } from "@/lib/forge/projects/access";
import { followAgain, projectOpened } from "@/lib/forge/federation/unused-follows";
import { openProject } from "@/lib/forge/projects/operations";
import { projectId } from "@/lib/forge/nodes";
import { currentViewer } from "./browser-session";
import { projectPath } from "@/lib/forge/routes";

export interface ProjectParams {
  service: string;
  slug: string;
}

export type LoadedProject = Awaited<ReturnType<typeof loadProject>>;

/** The project a /p/<service>/<slug>/… page is about, or a 404 for those who may not see it. */
export async function loadProject(params: Promise<ProjectParams>) {
  const { service, slug } = await params;
  return loadProjectOnce(service, slug);
}

/**
 * Once per request: the project layout and the page below it both need the project, and each
 * would otherwise read its row, check access and note the visit again (React's cache() lasts
 * one server render; outside a render, in an action, it does not cache).
 */
const loadProjectOnce = cache(async (service: string, slug: string) => {
  const [home, name] = [decodeURIComponent(service), decodeURIComponent(slug)];
  const id = projectId(home, name);
  // Read before the project's rows: what is rendered from them is at least this recent.
  const changesAtLoad = changeBus().changeCount(id);
  const viewer = await currentViewer();
  const cached = await findProject(id);
  // A project this instance has not seen yet is fetched from its pubsub service on the first
  // visit (openProject decides for whom); a public one whose unused follow was dropped is
  // followed again on the next signed-in visit, while the page shows the cached copy.
  const project =
    cached ??
    (await openProject(viewer, home, name)
      .then(() => findProject(id))
      .catch(() => null));
  if (viewer && cached && !cached.followed && cached.accessModel === "open") {
    followAgain(viewer, cached);
  }
  if (!project || !(await canViewProject(id, viewer))) notFound();
  if (viewer) await projectOpened(viewer, id);
  return { project, viewer, base: projectPath(project.id), changesAtLoad };
});
