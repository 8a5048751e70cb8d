import type { Project, RepositoryMirror } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

// Not a cache of pubsub: this instance's own mirror settings and their state (see
// prisma/schema.prisma). A cache rebuild leaves the table alone.

export async function findRepositoryMirror(projectId: string): Promise<RepositoryMirror | null> {
  const db = await getDb();
  return db.repositoryMirror.findUnique({ where: { projectId } });
}

export type PushTarget = Pick<
  RepositoryMirror,
  "pushUrl" | "pushSecret" | "pushSetBy" | "pushSetAt"
>;

/** Sets (or replaces) the push mirror; the state of the previous one is forgotten. */
export async function savePushTarget(projectId: string, target: PushTarget): Promise<void> {
  const db = await getDb();
  const data = { ...target, pushState: "", pushError: "", pushedAt: null };
  await db.repositoryMirror.upsert({
    where: { projectId },
    create: { projectId, ...data },
    update: data,
  });
}

export async function clearPushTarget(projectId: string): Promise<void> {
  const db = await getDb();
  await db.repositoryMirror.updateMany({
    where: { projectId },
    data: {
      pushUrl: "",
      pushSecret: "",
      pushSetBy: "",
      pushSetAt: null,
      pushState: "",
      pushError: "",
      pushedAt: null,
      pendingBranches: "",
    },
  });
}

export async function savePushState(
  projectId: string,
  state: { pushState: "ok" | "failed"; pushError: string; pendingBranches: string[] },
): Promise<void> {
  const db = await getDb();
  await db.repositoryMirror.updateMany({
    where: { projectId },
    data: { ...state, pendingBranches: state.pendingBranches.join("\n"), pushedAt: new Date() },
  });
}

/**
 * Adds a branch to those waiting for the project's push mirror, its push on the way
 * (pushState "pending"); false when the project has no push mirror.
 */
export async function markPushPending(projectId: string, branch: string): Promise<boolean> {
  const db = await getDb();
  const mirror = await db.repositoryMirror.findUnique({ where: { projectId } });
  if (!mirror?.pushUrl) return false;
  const pending = new Set([...mirror.pendingBranches.split("\n").filter(Boolean), branch]);
  await db.repositoryMirror.update({
    where: { projectId },
    data: { pushState: "pending", pendingBranches: [...pending].join("\n") },
  });
  return true;
}

export async function savePullState(
  projectId: string,
  state: { pullState: "ok" | "ahead" | "diverged" | "failed"; pullDetail: string },
): Promise<void> {
  const db = await getDb();
  const data = { ...state, pulledAt: new Date() };
  await db.repositoryMirror.upsert({
    where: { projectId },
    create: { projectId, ...data },
    update: data,
  });
}

/** Projects the instance follows whose repository has a clone URL: candidates for a refresh. */
export async function followedProjectsWithCloneUrl(): Promise<Project[]> {
  const db = await getDb();
  return db.project.findMany({
    where: { followed: true, cloneUrl: { not: "" } },
    orderBy: { id: "asc" },
  });
}
