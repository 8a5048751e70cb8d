// The Prisma client for the SQL cache: SQLite (better-sqlite3) for `file:` URLs, else PostgreSQL.
// Prisma compiles queries per provider, so each has its own generated client (from
// prisma/schema.prisma and its generated PostgreSQL variant); the code is typed against the
// SQLite one, whose models and methods the PostgreSQL one has too. One client per process, created on first use and kept on globalThis so that Next.js dev hot
// reloads do not open a new connection each time.
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Same default as prisma.config.ts. */
export const DEFAULT_DATABASE_URL = "file:./.run/pubforge.db";

/** How long a SQLite writer waits for another one (the app, a script, a migration) to finish. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function isPostgresUrl(url: string): boolean {
  return !url.startsWith("file:");
}

/**
 * The file of a `file:` URL. Relative paths are resolved against process.cwd(), the project root
 * for `next`, `tsx` and vitest, and also what the Prisma CLI uses (it runs from the directory of
 * prisma.config.ts), so the app and `prisma migrate` open the same file.
 */
export function sqliteFile(url: string): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return file === ":memory:" ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

/**
 * Every transaction's limits: waiting for a connection, then running. Prisma's defaults (2 s and
 * 5 s) are too short for a cold sync's batch of thousands of rows, or for a write queued behind
 * another one of the same item (item-lock.ts) on a loaded machine.
 */
const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 60_000 } as const;

/** A new, unshared client; most code wants {@link getDb} instead. Call $disconnect() when done. */
export async function createPrismaClient(url: string = databaseUrl()): Promise<PrismaClient> {
  if (isPostgresUrl(url)) {
    // Adapters are loaded on demand: a SQLite deployment never loads pg, and vice versa.
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const postgres = await import("@/lib/generated/prisma-postgres/client");
    const client = new postgres.PrismaClient({
      adapter: new PrismaPg({ connectionString: url }),
      transactionOptions: TRANSACTION_LIMITS,
    });
    return client as unknown as PrismaClient;
  }
  const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
  const adapter = new PrismaBetterSqlite3({
    url: sqliteFile(url),
    timeout: SQLITE_BUSY_TIMEOUT_MS,
  });
  const client = new PrismaClient({ adapter, transactionOptions: TRANSACTION_LIMITS });
  // WAL lets readers (the app) go on while another process (a sync script) writes. The mode is
  // stored in the file, so this only does something the first time. It needs a moment without
  // other connections; if it cannot get one, the database simply stays in rollback-journal mode.
  try {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  } catch (e) {
    console.warn(`[db] could not switch ${url} to WAL: ${(e as Error).message}`);
  }
  // Triage filters scan a project's tickets; a 128 MB page cache and memory-mapped reads keep
  // those scans in memory (bench/RESULTS.md: filter). Per connection, so set on every start.
  await client.$queryRawUnsafe("PRAGMA cache_size = -131072");
  await client.$queryRawUnsafe("PRAGMA mmap_size = 268435456");
  // WAL makes NORMAL durable across application crashes; only an OS crash may lose the last
  // commits, which a rebuild from pubsub restores anyway.
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await keepPlannerStatistics(client);
  return client;
}

const OPTIMIZE_EVERY_MS = 60 * 60_000;

/**
 * Without statistics SQLite guesses that an index on a project's id narrows a query to a few
 * rows, so a label filter scans every ticket of the project rather than starting from the
 * label's index (bench/RESULTS.md: page-load). `PRAGMA optimize` gathers them where they are
 * missing or stale, at open and then hourly as SQLite advises for long-lived connections; the
 * limit keeps each run to a sample of each index, quick on a large cache.
 */
async function keepPlannerStatistics(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA analysis_limit = 1000");
  await client.$queryRawUnsafe("PRAGMA optimize = 0x10002");
  const timer = setInterval(() => {
    client.$queryRawUnsafe("PRAGMA optimize").catch(() => {
      // A closed client (tests, a changed DATABASE_URL) stops mattering; so does its timer.
      clearInterval(timer);
    });
  }, OPTIMIZE_EVERY_MS);
  timer.unref();
}

type DbCache = { url: string; client: Promise<PrismaClient> };
const globalCache = globalThis as typeof globalThis & { __pubforgeDb?: DbCache };

/** The process-wide client for DATABASE_URL (or the default SQLite file). */
export function getDb(): Promise<PrismaClient> {
  const url = databaseUrl();
  const cached = globalCache.__pubforgeDb;
  if (cached && cached.url === url) return cached.client;
  if (cached) void closeClient(cached); // DATABASE_URL changed (tests): drop the old client
  const client = createPrismaClient(url);
  globalCache.__pubforgeDb = { url, client };
  // Let a failed start be retried on the next call.
  client.catch(() => {
    if (globalCache.__pubforgeDb?.client === client) globalCache.__pubforgeDb = undefined;
  });
  return client;
}

/** Disconnect the shared client (scripts and tests, before they exit or delete the file). */
export async function closeDb(): Promise<void> {
  const cached = globalCache.__pubforgeDb;
  globalCache.__pubforgeDb = undefined;
  if (cached) await closeClient(cached);
}

async function closeClient(cached: DbCache): Promise<void> {
  const client = await cached.client.catch(() => undefined);
  await client?.$disconnect();
}
