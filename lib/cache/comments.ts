import type { Comment } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

export async function upsertComment(record: Comment): Promise<void> {
  const db = await getDb();
  const { id, ...rest } = record;
  await db.comment.upsert({ where: { id }, create: record, update: rest });
}

export async function deleteComment(service: string, node: string, itemId: string): Promise<void> {
  const db = await getDb();
  await db.comment.deleteMany({ where: { service, node, itemId } });
}

export async function deleteCommentsOfNode(service: string, node: string): Promise<void> {
  const db = await getDb();
  await db.comment.deleteMany({ where: { service, node } });
}

export async function listComments(service: string, node: string): Promise<Comment[]> {
  const db = await getDb();
  return db.comment.findMany({ where: { service, node }, orderBy: { published: "asc" } });
}

export async function findComment(id: string): Promise<Comment | null> {
  const db = await getDb();
  return db.comment.findUnique({ where: { id } });
}

export async function countComments(service: string, node: string): Promise<number> {
  const db = await getDb();
  // Timeline events are entries of the node too, but not comments.
  return db.comment.count({ where: { service, node, event: null } });
}
