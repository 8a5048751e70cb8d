import { findProject } from "@/lib/cache/projects";
import type { Viewer } from "@/lib/http/browser-session";

/**
 * Whether the cache may show a project to this viewer. Public (open) projects: anyone. Others:
 * only viewers whose own XMPP session the pubsub service let read the project.
 */
export async function canViewProject(id: string, viewer: Viewer | null): Promise<boolean> {
  const project = await findProject(id);
  if (!project) return false;
  if (project.accessModel === "open") return true;
  // Members-only projects are never served from the shared cache without a per-viewer check,
  // which arrives with private projects (issue 5); until then nothing of them is shown.
  return viewer !== null && false;
}
