import { markOpened, unusedFollowedProjects } from "@/lib/cache/projects";
import { config } from "@/lib/config";
import type { Viewer } from "@/lib/forge/viewer";
import { openProject } from "@/lib/forge/projects/operations";
import { isManagedService, unfollowProject } from "./instance";
import { everyTickWhileHoldingInstance } from "./instance-duties";

/**
 * The instance follows a remote project (subscriptions, probes of its home) once a signed-in
 * viewer opens it. Follows nobody uses any more are dropped, so that a list of projects once
 * opened does not grow into a standing load on strangers' servers: those of projects no
 * signed-in viewer opened for PUBFORGE_UNUSED_FOLLOW_DAYS. Projects on the instance's own
 * service and mirrored ones stay followed. A dropped project stays cached as it was, and the
 * next signed-in visit follows it again (`followAgain`, from lib/http/project-route.ts).
 */
const DAY_MS = 24 * 60 * 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/** A signed-in viewer opened the project: its follow is in use. */
export async function projectOpened(_viewer: Viewer, projectId: string): Promise<void> {
  await markOpened(projectId);
}

const following = new Set<string>();

/**
 * Follows again a public project whose follow was dropped, for a signed-in viewer who opened
 * it, in the background: the page shows the cached copy at once (its home may be slow or away)
 * and refreshes live as the project catches up. One attempt at a time per project.
 */
export function followAgain(
  viewer: Viewer,
  project: { id: string; service: string; slug: string },
): void {
  if (following.has(project.id)) return;
  following.add(project.id);
  openProject(viewer, project.service, project.slug)
    .catch((error: unknown) =>
      console.warn(`[instance] could not follow ${project.id} again: ${(error as Error).message}`),
    )
    .finally(() => following.delete(project.id));
}

/** Drops the follows unused since `maxIdleDays` before `now`; returns the projects dropped. */
export async function dropUnusedFollows(
  now: Date = new Date(),
  maxIdleDays: number = config().PUBFORGE_UNUSED_FOLLOW_DAYS,
): Promise<string[]> {
  const dropped: string[] = [];
  for (const project of await unusedFollowedProjects(
    new Date(now.getTime() - maxIdleDays * DAY_MS),
  )) {
    if (isManagedService(project.service)) continue;
    try {
      await unfollowProject(project);
      dropped.push(project.id);
    } catch (error) {
      // Its home or the instance is away: the next sweep tries again.
      console.warn(
        `[instance] could not stop following ${project.id}: ${(error as Error).message}`,
      );
    }
  }
  if (dropped.length > 0) console.info(`[instance] stopped following unused ${dropped.join(", ")}`);
  return dropped;
}

const globalForSweep = globalThis as unknown as { pubforgeFollowSweep?: NodeJS.Timeout };

/** Sweeps every hour in the process holding the instance (instrumentation.ts starts it). */
export function startUnusedFollowSweep(): void {
  globalForSweep.pubforgeFollowSweep ??= everyTickWhileHoldingInstance(
    SWEEP_EVERY_MS,
    () => dropUnusedFollows(),
    "sweeping unused follows",
  );
}
