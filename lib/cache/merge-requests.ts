import type { MergeRequest, MergeRequestRevision, Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { like } from "./text-match";
import { DRAFT_PREFIXES } from "@/lib/forge/merge-requests/draft";
import { lockItems } from "./item-lock";
import { notOlderThanCached, observations } from "./observed";
import { trackerUpsert } from "./tracker-row";
import { blockList, notFiledByBlocked } from "./moderation";

/** As TicketRecord: `authorJid` from the item's `author_jid`, else (new rows only) its publisher. */
export type MergeRequestRecord = Omit<MergeRequest, "commentCount" | "unresolvedThreads"> & {
  commentCount?: number;
  unresolvedThreads?: number;
  keepAuthorJid?: boolean;
};

/** Writes the merge request's row, unless the cache holds a newer version (observed.ts). */
export async function upsertMergeRequest(record: MergeRequestRecord): Promise<void> {
  const db = await getDb();
  const { id } = record;
  await db.$transaction(async (tx) => {
    for (const lock of lockItems(tx, [id])) await lock;
    const stored = await tx.mergeRequest.findMany({
      where: { id },
      select: { id: true, observedAt: true },
    });
    if (notOlderThanCached([record], observations(stored)).length === 0) return;
    await tx.mergeRequest.upsert(trackerUpsert(record));
  });
}

export async function deleteMergeRequest(id: string): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.mergeRequest.deleteMany({ where: { id } }),
    db.trackerItemVersion.deleteMany({ where: { itemKey: id } }),
    // What it and its comments named (lib/cache/references.ts).
    db.itemReference.deleteMany({ where: { sourceId: id } }),
  ]);
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

/** Counted from its comments node's threads (comments/sync.ts), so lists need not build them. */
export async function setUnresolvedThreads(id: string, unresolvedThreads: number): Promise<void> {
  const db = await getDb();
  await db.mergeRequest.updateMany({ where: { id }, data: { unresolvedThreads } });
}

export interface MergeRequestFilter {
  status?: string;
  /** Words that must all appear in the title or the description. */
  text?: string;
  /** Only drafts, or none (lib/forge/merge-requests/draft.ts); both when absent. */
  drafts?: "only" | "hide";
}

// A function, not a constant: like() asks which database the URL names, which a module-level
// value would ask once, at import (before a test, or the app's config, has set it).
const isDraft = (): Prisma.MergeRequestWhereInput => ({
  OR: DRAFT_PREFIXES.map((prefix) => ({ title: like({ startsWith: prefix }) })),
});

/** A merge request as the list shows it: without its patch, body or raw XML. */
export type MergeRequestSummary = Omit<MergeRequest, "patch" | "rawXml" | "bodyHtml">;

export async function listMergeRequests(
  projectId: string,
  filter: MergeRequestFilter = {},
): Promise<{ mergeRequests: MergeRequestSummary[]; countsByStatus: Record<string, number> }> {
  const db = await getDb();
  const words = (filter.text ?? "").split(/\s+/).filter(Boolean);
  const blocks = await blockList(projectId);
  const where: Prisma.MergeRequestWhereInput = {
    projectId,
    AND: [
      // Merge requests a blocked publisher opened or last published are not listed.
      ...notFiledByBlocked(blocks),
      ...words.map((word) => ({
        OR: [{ title: like({ contains: word }) }, { bodyMarkdown: like({ contains: word }) }],
      })),
      ...(filter.drafts === "only"
        ? [isDraft()]
        : filter.drafts === "hide"
          ? [{ NOT: isDraft() }]
          : []),
    ],
  };
  const [mergeRequests, groups] = await Promise.all([
    db.mergeRequest.findMany({
      where: filter.status ? { ...where, status: filter.status } : where,
      // Patches can be megabytes; the list shows the line counts stored beside them.
      omit: { patch: true, rawXml: true, bodyHtml: true },
      orderBy: { updated: "desc" },
      take: 500,
    }),
    db.mergeRequest.groupBy({ by: ["status"], where, _count: { _all: true } }),
  ]);
  return {
    mergeRequests,
    countsByStatus: Object.fromEntries(groups.map((g) => [g.status, g._count._all])),
  };
}

/** Prisma's error code for a row whose unique key is taken. */
const UNIQUE_CONSTRAINT_FAILED = "P2002";

/** Stores a revision unless that number is already cached: revisions never change. */
export async function addRevision(revision: MergeRequestRevision): Promise<void> {
  const db = await getDb();
  // Not an upsert with nothing to update: on PostgreSQL Prisma makes that a read, then an
  // insert, which a concurrent sync of the same revision can beat to it.
  try {
    await db.mergeRequestRevision.create({ data: revision });
  } catch (e) {
    if ((e as { code?: unknown }).code !== UNIQUE_CONSTRAINT_FAILED) throw e;
  }
}

export async function listRevisions(mergeRequestId: string): Promise<MergeRequestRevision[]> {
  const db = await getDb();
  return db.mergeRequestRevision.findMany({
    where: { mergeRequestId },
    orderBy: { revision: "asc" },
  });
}

/** The revision numbers cached for a merge request, in order, without their series. */
export async function revisionNumbers(mergeRequestId: string): Promise<number[]> {
  const db = await getDb();
  const rows = await db.mergeRequestRevision.findMany({
    where: { mergeRequestId },
    orderBy: { revision: "asc" },
    select: { revision: true },
  });
  return rows.map((row) => row.revision);
}

/** When each cached revision of a merge request was first cached (review-rules.ts). */
export async function revisionsFirstSeen(
  mergeRequestId: string,
): Promise<Map<number, Date | null>> {
  const db = await getDb();
  const rows = await db.mergeRequestRevision.findMany({
    where: { mergeRequestId },
    select: { revision: true, firstSeenAt: true },
  });
  return new Map(rows.map((row) => [row.revision, row.firstSeenAt]));
}

/** Who a revision was flagged as added by ("" when it is not), without reading its series. */
export async function revisionFlag(mergeRequestId: string, revision: number): Promise<string> {
  const db = await getDb();
  const row = await db.mergeRequestRevision.findUnique({
    where: { mergeRequestId_revision: { mergeRequestId, revision } },
    select: { flaggedBy: true },
  });
  return row?.flaggedBy ?? "";
}

/** The highest revision number cached for a merge request (0 if none). */
export async function highestRevision(mergeRequestId: string): Promise<number> {
  const db = await getDb();
  const { _max } = await db.mergeRequestRevision.aggregate({
    where: { mergeRequestId },
    _max: { revision: true },
  });
  return _max.revision ?? 0;
}

/**
 * The merge requests of a project that `jid` both claims and first published, from the ref
 * `sourceRef` into `targetBranch`, newest first: where a push to refs/for/ adds its revision.
 * A flagged one (someone else published over it) is left out.
 */
export async function findPushedMergeRequests(where: {
  projectId: string;
  jid: string;
  targetBranch: string;
  sourceRef: string;
}): Promise<MergeRequest[]> {
  const db = await getDb();
  return db.mergeRequest.findMany({
    where: {
      projectId: where.projectId,
      authorJid: where.jid,
      firstPublisher: where.jid,
      flaggedBy: "",
      sourceUrl: "",
      sourceRef: where.sourceRef,
      targetBranch: where.targetBranch,
    },
    orderBy: { created: "desc" },
    take: 20,
  });
}
