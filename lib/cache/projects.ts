import type { Project } from "@/lib/generated/prisma/client";
import { CLOSED_TICKET_STATUS } from "@/lib/forge/statuses";
import { getDb } from "./db";
import { lockItems } from "./item-lock";
import { blockList, notFiledByBlocked } from "./moderation";

export type ProjectRecord = Omit<
  Project,
  "syncedAt" | "followed" | "mirrorService" | "mirroredAt" | "openedAt"
> & {
  followed?: boolean;
};

export async function upsertProject(record: ProjectRecord): Promise<void> {
  const db = await getDb();
  const { id, ...rest } = record;
  await db.$transaction([
    ...lockItems(db, [id]),
    db.project.upsert({
      where: { id },
      // A project is first cached when someone opens it: its grace period starts then.
      create: { ...record, syncedAt: new Date(), openedAt: new Date() },
      update: { ...rest, syncedAt: new Date() },
    }),
  ]);
}

export async function findProject(id: string): Promise<Project | null> {
  const db = await getDb();
  return db.project.findUnique({ where: { id } });
}

/** The projects this instance knows, public ones only: private ones are listed per viewer. */
export async function listPublicProjects(): Promise<(Project & { openTickets: number })[]> {
  const db = await getDb();
  const open = { status: { not: CLOSED_TICKET_STATUS } };
  const projects = await db.project.findMany({
    where: { accessModel: "open" },
    orderBy: { name: "asc" },
    include: { _count: { select: { tickets: { where: open } } } },
  });
  // Where a project blocks someone, their tickets are not counted (as its list does not show
  // them): those few projects are counted again with their block lists.
  const moderated = await db.moderationBlock.findMany({
    where: { projectId: { in: projects.map((project) => project.id) } },
    distinct: ["projectId"],
    select: { projectId: true },
  });
  const recounted = new Map<string, number>();
  for (const { projectId } of moderated) {
    const blocks = await blockList(projectId);
    const count = await db.ticket.count({
      where: { AND: [{ projectId }, open, ...notFiledByBlocked(blocks)] },
    });
    recounted.set(projectId, count);
  }
  return projects.map(({ _count, ...project }) => ({
    ...project,
    openTickets: recounted.get(project.id) ?? _count.tickets,
  }));
}

/** Every project the cache holds, with what deciding who may read it needs. */
export async function projectsForAccess(): Promise<Project[]> {
  const db = await getDb();
  return db.project.findMany({ orderBy: { id: "asc" } });
}

export async function followedProjects(): Promise<Project[]> {
  const db = await getDb();
  return db.project.findMany({ where: { followed: true } });
}

export async function setFollowed(id: string, followed: boolean): Promise<void> {
  const db = await getDb();
  await db.project.updateMany({ where: { id }, data: { followed } });
}

/**
 * Notes that a signed-in viewer opened the project `at`; at most one write an hour per
 * project, however many pages are shown.
 */
export async function markOpened(id: string, at: Date = new Date()): Promise<void> {
  const db = await getDb();
  await db.project.updateMany({
    where: {
      id,
      OR: [{ openedAt: null }, { openedAt: { lt: new Date(at.getTime() - 60 * 60_000) } }],
    },
    data: { openedAt: at },
  });
}

/** Followed projects nobody signed in opened since `before`, and that hold no mirror. */
export async function unusedFollowedProjects(before: Date): Promise<Project[]> {
  const db = await getDb();
  return db.project.findMany({
    where: { followed: true, mirrorService: "", openedAt: { lt: before } },
  });
}

export async function deleteProject(id: string): Promise<void> {
  const db = await getDb();
  await db.project.deleteMany({ where: { id } });
}

export async function setMirror(
  id: string,
  mirror: { mirrorService?: string; mirroredAt?: Date | null },
): Promise<void> {
  const db = await getDb();
  await db.project.updateMany({ where: { id }, data: mirror });
}

/** The comments nodes (as xmpp: URIs) of a project's tickets and merge requests. */
export async function projectCommentsUris(id: string): Promise<string[]> {
  const db = await getDb();
  const [tickets, requests] = await Promise.all([
    db.ticket.findMany({ where: { projectId: id }, select: { commentsUri: true } }),
    db.mergeRequest.findMany({ where: { projectId: id }, select: { commentsUri: true } }),
  ]);
  return [...tickets, ...requests].map((row) => row.commentsUri).filter(Boolean);
}
