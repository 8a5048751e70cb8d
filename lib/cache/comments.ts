import type { Comment, Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { lockItems } from "./item-lock";
import { blockList, findThreadLock, notPublishedBy } from "./moderation";

export async function upsertComment(record: Comment): Promise<void> {
  const db = await getDb();
  const { id, ...rest } = record;
  // An update keeps when the item was first seen (undefined: left as it is): a verdict is judged
  // by that (review-rules.ts).
  const update = { ...rest, firstSeenAt: undefined };
  await db.$transaction([
    ...lockItems(db, [id]),
    db.comment.upsert({ where: { id }, create: record, update }),
  ]);
}

export async function deleteComment(service: string, node: string, itemId: string): Promise<void> {
  const db = await getDb();
  await db.comment.deleteMany({ where: { service, node, itemId } });
}

export async function deleteCommentsOfNode(service: string, node: string): Promise<void> {
  const db = await getDb();
  await db.comment.deleteMany({ where: { service, node } });
}

/**
 * Which comments of one node a project shows: not those of blocked publishers, and in a locked
 * thread only those published before the lock (its `kept` item ids) and the maintainers' (its
 * `allowed` JIDs). Publication dates are the writer's word, so the lock keeps items by id.
 */
async function visibleWhere(
  projectId: string,
  service: string,
  node: string,
): Promise<Prisma.CommentWhereInput> {
  const [blocks, lock] = await Promise.all([
    blockList(projectId),
    findThreadLock(projectId, service, node),
  ]);
  const and: Prisma.CommentWhereInput[] = [
    { service, node },
    ...notPublishedBy("publisher", blocks),
  ];
  if (lock) {
    const allowed = JSON.parse(lock.allowed) as string[];
    const kept = JSON.parse(lock.kept) as string[];
    and.push({ OR: [{ publisher: { in: allowed } }, { itemId: { in: kept } }] });
  }
  return { AND: and };
}

/** The comments of one node as a project shows them (see visibleWhere), oldest first. */
export async function listComments(
  projectId: string,
  service: string,
  node: string,
): Promise<Comment[]> {
  const db = await getDb();
  const where = await visibleWhere(projectId, service, node);
  return db.comment.findMany({ where, orderBy: { published: "asc" } });
}

export async function findComment(id: string): Promise<Comment | null> {
  const db = await getDb();
  return db.comment.findUnique({ where: { id } });
}

/** How many comments of one node a project shows (timeline events are entries, not comments). */
export async function countComments(
  projectId: string,
  service: string,
  node: string,
): Promise<number> {
  const db = await getDb();
  const where = await visibleWhere(projectId, service, node);
  return db.comment.count({ where: { AND: [where, { event: null }] } });
}

/** The item ids of every cached entry of a node, whoever published them. */
export async function commentItemIds(service: string, node: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.comment.findMany({
    where: { service, node },
    select: { itemId: true },
    orderBy: { published: "asc" },
  });
  return rows.map((row) => row.itemId);
}
