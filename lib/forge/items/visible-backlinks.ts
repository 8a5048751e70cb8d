import { listBacklinks, type ReferenceSource } from "@/lib/cache/references";
import { canViewProject } from "@/lib/forge/projects/access";
import type { Viewer } from "@/lib/forge/viewer";
import type { ItemMention } from "./references";

// Apart from backlinks.ts, which the syncs import: the access check reaches back into them.

/**
 * The backlinks of an item of a project the viewer may see, as the viewer may follow them:
 * those from its own project, and from other projects only where the viewer may read them
 * (a members-only project's tickets name nothing to outsiders).
 */
export async function visibleBacklinks(
  viewer: Viewer | null,
  projectId: string,
  kind: ItemMention["kind"],
  number: number,
): Promise<ReferenceSource[]> {
  const sources = await listBacklinks(projectId, kind, number);
  const others = [...new Set(sources.map((s) => s.projectId))].filter((id) => id !== projectId);
  const readable = await Promise.all(
    others.map(async (id) => ((await canViewProject(id, viewer)) ? id : null)),
  );
  const shown = new Set([projectId, ...readable]);
  return sources.filter((source) => shown.has(source.projectId));
}
