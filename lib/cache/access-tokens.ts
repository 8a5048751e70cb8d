import type { AccessToken } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

// Not a cache of pubsub: the tokens this instance issued (see prisma/schema.prisma).

export async function insertAccessToken(record: Omit<AccessToken, "lastUsed">): Promise<void> {
  const db = await getDb();
  await db.accessToken.create({ data: record });
}

export async function accessTokensOf(jid: string): Promise<AccessToken[]> {
  const db = await getDb();
  return db.accessToken.findMany({ where: { jid }, orderBy: { created: "desc" } });
}

export async function findAccessTokenByDigest(digest: string): Promise<AccessToken | null> {
  const db = await getDb();
  return db.accessToken.findUnique({ where: { digest } });
}

/** Deletes one of `jid`'s tokens; false when it has no such token. */
export async function deleteAccessToken(jid: string, id: string): Promise<boolean> {
  const db = await getDb();
  return (await db.accessToken.deleteMany({ where: { id, jid } })).count > 0;
}

export async function touchAccessToken(id: string, at: Date): Promise<void> {
  const db = await getDb();
  await db.accessToken.updateMany({ where: { id }, data: { lastUsed: at } });
}
