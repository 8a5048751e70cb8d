import { followedProjectsWithCloneUrl, savePullState } from "@/lib/cache/repository-mirrors";
import { config } from "@/lib/config";
import { changeBus } from "@/lib/events/bus";
import { everyTickWhileHoldingInstance } from "@/lib/forge/federation/instance-duties";
import type { Project } from "@/lib/generated/prisma/client";
import { type MirrorProgress, ScmKindSchema } from "@/lib/scm/types";
import { isHostedHere, refreshProjectRepository } from "./mirrors";
import { retryPendingPush } from "./push-mirror";

/**
 * Pull mirrors: the copy of each followed project whose repository lives elsewhere is
 * refreshed from its clone URL every PUBFORGE_PULL_MIRROR_MINUTES, one project at a time (a
 * refresh is a fetch from someone's server: never a burst). A refresh never drops a merge made
 * here (`pull` of lib/scm moves a branch only forward); a branch the upstream moved on while
 * it holds merges not pushed yet is left as it is and reported as diverged. Pending pushes are
 * tried again after each refresh.
 */
const globalForPulls = globalThis as unknown as {
  pubforgePullSchedule?: NodeJS.Timeout;
  pubforgeRepositoryProgress?: Map<string, MirrorProgress>;
};

function progressMap(): Map<string, MirrorProgress> {
  globalForPulls.pubforgeRepositoryProgress ??= new Map();
  return globalForPulls.pubforgeRepositoryProgress;
}

/** How a running refresh or import of the project's repository is going, for its pages. */
export function repositoryProgress(id: string): MirrorProgress | undefined {
  return progressMap().get(id);
}

const told = new Map<string, { phase: string; at: number }>();
/** Pages re-render on each change: a fetch reports progress far more often than that. */
const TELL_EVERY_MS = 1_000;

/** Sets (or, with undefined, ends) the progress shown, and tells the project's open pages. */
export function setRepositoryProgress(id: string, progress: MirrorProgress | undefined): void {
  if (progress) progressMap().set(id, progress);
  else progressMap().delete(id);
  const last = told.get(id);
  const now = Date.now();
  if (progress && last?.phase === progress.phase && now - last.at < TELL_EVERY_MS) return;
  if (progress) told.set(id, { phase: progress.phase, at: now });
  else told.delete(id);
  changeBus().publish({ projectId: id, kind: "project", id });
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Refreshes one project's copy from its upstream and records how it went. */
export async function refreshPullMirror(project: Project): Promise<void> {
  const scm = ScmKindSchema.safeParse(project.scm);
  if (!scm.success || !project.cloneUrl || isHostedHere(project)) return;
  const repository = { ...project, scm: scm.data };
  setRepositoryProgress(project.id, { phase: "Refreshing from the upstream" });
  try {
    const { diverged, ahead } = await refreshProjectRepository(repository, (progress) =>
      setRepositoryProgress(project.id, progress),
    );
    await savePullState(
      project.id,
      diverged.length > 0
        ? { pullState: "diverged", pullDetail: diverged.join(", ") }
        : ahead.length > 0
          ? { pullState: "ahead", pullDetail: ahead.join(", ") }
          : { pullState: "ok", pullDetail: "" },
    );
  } catch (error) {
    await savePullState(project.id, { pullState: "failed", pullDetail: reasonOf(error) });
  } finally {
    setRepositoryProgress(project.id, undefined);
  }
  await retryPendingPush(repository);
}

let running = false;

/** One round over every candidate, one at a time; a round still running is not doubled. */
export async function refreshPullMirrors(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (const project of await followedProjectsWithCloneUrl()) {
      await refreshPullMirror(project);
    }
  } finally {
    running = false;
  }
}

/**
 * Every PUBFORGE_PULL_MIRROR_MINUTES, in the process holding the instance (instrumentation.ts
 * starts it): the copies are shared, one refresh of each is enough.
 */
export function startPullMirrorSchedule(): void {
  globalForPulls.pubforgePullSchedule ??= everyTickWhileHoldingInstance(
    config().PUBFORGE_PULL_MIRROR_MINUTES * 60_000,
    refreshPullMirrors,
    "refreshing pull mirrors",
  );
}
