import type { MergeRequest, MergeRequestRevision } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

/** As TicketRecord: `authorJid` from the item's `author_jid`, else (new rows only) its publisher. */
export type MergeRequestRecord = Omit<MergeRequest, "commentCount"> & {
  commentCount?: number;
  keepAuthorJid?: boolean;
};

export async function upsertMergeRequest(record: MergeRequestRecord): Promise<void> {
  const db = await getDb();
  const { id, commentCount, keepAuthorJid, ...rest } = record;
  await db.mergeRequest.upsert({
    where: { id },
    create: { id, commentCount: commentCount ?? 0, ...rest },
    update: {
      ...rest,
      ...(commentCount === undefined ? {} : { commentCount }),
      ...(keepAuthorJid ? { authorJid: undefined } : {}),
    },
  });
}

export async function deleteMergeRequest(id: string): Promise<void> {
  const db = await getDb();
  await db.mergeRequest.deleteMany({ where: { id } });
}

export async function findMergeRequest(id: string): Promise<MergeRequest | null> {
  const db = await getDb();
  return db.mergeRequest.findUnique({ where: { id } });
}

export async function findMergeRequestByCommentsUri(
  commentsUri: string,
): Promise<MergeRequest | null> {
  const db = await getDb();
  return db.mergeRequest.findFirst({ where: { commentsUri } });
}

export async function setMergeRequestCommentCount(id: string, commentCount: number): Promise<void> {
  const db = await getDb();
  await db.mergeRequest.updateMany({ where: { id }, data: { commentCount } });
}

export async function listMergeRequests(
  projectId: string,
  status?: string,
): Promise<{ mergeRequests: MergeRequest[]; countsByStatus: Record<string, number> }> {
  const db = await getDb();
  const [mergeRequests, groups] = await Promise.all([
    db.mergeRequest.findMany({
      where: { projectId, ...(status ? { status } : {}) },
      orderBy: { updated: "desc" },
      take: 500,
    }),
    db.mergeRequest.groupBy({ by: ["status"], where: { projectId }, _count: { _all: true } }),
  ]);
  return {
    mergeRequests,
    countsByStatus: Object.fromEntries(groups.map((g) => [g.status, g._count._all])),
  };
}

/** Stores a revision unless that number is already cached: revisions never change. */
export async function addRevision(revision: MergeRequestRevision): Promise<void> {
  const db = await getDb();
  await db.mergeRequestRevision.upsert({
    where: { id: revision.id },
    create: revision,
    update: {},
  });
}

export async function listRevisions(mergeRequestId: string): Promise<MergeRequestRevision[]> {
  const db = await getDb();
  return db.mergeRequestRevision.findMany({
    where: { mergeRequestId },
    orderBy: { revision: "asc" },
  });
}
