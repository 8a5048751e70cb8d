// The same item is often written twice at once: a publish read back by the session that made it
// and the notification of that publish, or two processes syncing one node. SQLite runs one
// writer at a time, so that is harmless there. On PostgreSQL each write is a transaction of its
// own: two first inserts of one item race on its second unique key (service, node, item), which
// Prisma's upsert (ON CONFLICT on the id only, or a read then an insert) does not absorb, and
// two label rewrites of one ticket collide. A transaction-scoped advisory lock per item makes
// the second writer wait for the first, in this process or any other sharing the database.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, isPostgresUrl } from "./db";

type Client = Pick<PrismaClient, "$executeRaw">;

/**
 * The statement that locks these keys until the end of the transaction it runs in: put it first
 * in a `$transaction([...])` batch, or await it first in an interactive one. Nothing on SQLite.
 * Keys are locked in one order, so two writers of overlapping sets cannot deadlock.
 */
export function lockItems(
  db: Client,
  keys: readonly string[],
): ReturnType<Client["$executeRaw"]>[] {
  if (keys.length === 0 || !isPostgresUrl(databaseUrl())) return [];
  const unique = [...new Set(keys)];
  return [
    db.$executeRaw`SELECT pg_advisory_xact_lock(h) FROM (
      SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(${unique}::text[]) AS k ORDER BY h
    ) AS keys`,
  ];
}
