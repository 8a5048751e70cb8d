import Database from "better-sqlite3";
import { notOlderThanCached } from "./observed";
import type { TicketRecord } from "./ticket-record";

/**
 * Tickets written to a SQLite cache through a short-lived better-sqlite3 connection of their
 * own, with prepared multi-row `INSERT … ON CONFLICT DO UPDATE` statements, rather than through
 * Prisma: Prisma turns every raw parameter into JSON, then the whole batch again, and runs it
 * through its query compiler, so a cold sync's 5,000 tickets (11 MB of rawXml) took 1.0-1.7 s
 * that way against 0.35-0.6 s here (bench/RESULTS.md, cold-sync). The rows are the ones Prisma's
 * SQLite adapter would write; a ticket that a notification inserts meanwhile is updated rather
 * than failing the batch.
 */
export const TICKET_COLUMNS = [
  "id",
  "projectId",
  "service",
  "node",
  "itemId",
  "publisher",
  "authorJid",
  "firstPublisher",
  "flaggedBy",
  "versionSeenAt",
  "observedAt",
  "author",
  "title",
  "status",
  "type",
  "priority",
  "labels",
  "assignees",
  "milestone",
  "bodyMarkdown",
  "bodyHtml",
  "searchText",
  "commentsUri",
  "created",
  "updated",
  "rawXml",
  "commentCount",
  "number",
] as const;

/** How @prisma/adapter-better-sqlite3 stores a DateTime, so Prisma reads these rows back. */
export const sqlDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

export function rowValues(record: TicketRecord): (string | number | null)[] {
  const values = {
    ...record,
    created: sqlDate(record.created),
    updated: sqlDate(record.updated),
    versionSeenAt: record.versionSeenAt ? sqlDate(record.versionSeenAt) : null,
    observedAt: record.observedAt ? sqlDate(record.observedAt) : null,
    commentCount: record.commentCount ?? 0,
  };
  return TICKET_COLUMNS.map((column) => values[column]);
}

export const ROWS_PER_STATEMENT = 100; // 29 parameters a row, well under SQLite's limit of 32,766

// A version of the item without a number (Libervia's own update drops fields it does not
// know) keeps the number the ticket had, as upsertTickets' Prisma path does.
const KEPT_WHEN_NULL = new Set<string>(["number"]);

/**
 * The upsert of `rows` tickets in one statement. `keepCount`: the records carry no comment
 * count (items just received), so a stored count stays as it is. `keepAuthorJid`: the items
 * name no author (see TicketRecord), so a stored author stays as it is.
 */
export function ticketUpsertSql(rows: number, keepCount: boolean, keepAuthorJid = false): string {
  const row = `(${TICKET_COLUMNS.map(() => "?").join(", ")})`;
  // The first publisher is who published the first version seen: a later one never changes it.
  const kept = new Set<string>([
    "id",
    "commentCount",
    "firstPublisher",
    ...(keepAuthorJid ? ["authorJid"] : []),
  ]);
  const updated = TICKET_COLUMNS.filter((c) => !kept.has(c))
    .map((c) =>
      KEPT_WHEN_NULL.has(c)
        ? `"${c}" = COALESCE(excluded."${c}", "Ticket"."${c}")`
        : `"${c}" = excluded."${c}"`,
    )
    .join(", ");
  return (
    `INSERT INTO "Ticket" (${TICKET_COLUMNS.map((c) => `"${c}"`).join(", ")}) ` +
    `VALUES ${Array.from({ length: rows }, () => row).join(", ")} ` +
    `ON CONFLICT ("id") DO UPDATE SET ${updated}` +
    (keepCount ? "" : `, "commentCount" = excluded."commentCount"`)
  );
}

export const clearLabelsSql = (tickets: number) =>
  `DELETE FROM "TicketLabel" WHERE "ticketId" IN (${Array.from({ length: tickets }, () => "?").join(", ")})`;

export const ADD_LABEL_SQL = `INSERT INTO "TicketLabel" ("ticketId", "label") VALUES (?, ?)`;

export const labelsOf = (record: TicketRecord): string[] => [
  ...new Set<string>(JSON.parse(record.labels)),
];

/** The tickets in groups of at most ROWS_PER_STATEMENT that share `keepCount` and `keepAuthorJid`. */
export function ticketChunks(
  records: readonly TicketRecord[],
): { keepCount: boolean; keepAuthorJid: boolean; chunk: TicketRecord[] }[] {
  const chunks = [];
  for (const keepCount of [true, false]) {
    for (const keepAuthorJid of [true, false]) {
      const group = records.filter(
        (record) =>
          (record.commentCount === undefined) === keepCount &&
          Boolean(record.keepAuthorJid) === keepAuthorJid,
      );
      for (let i = 0; i < group.length; i += ROWS_PER_STATEMENT) {
        chunks.push({ keepCount, keepAuthorJid, chunk: group.slice(i, i + ROWS_PER_STATEMENT) });
      }
    }
  }
  return chunks;
}

/** When the cached versions of these tickets were received (observed.ts). */
function storedObservations(db: Database.Database, ids: readonly string[]) {
  const stored = new Map<string, Date | null>();
  for (let i = 0; i < ids.length; i += ROWS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + ROWS_PER_STATEMENT);
    const rows = db
      .prepare(`SELECT "id", "observedAt" FROM "Ticket" WHERE "id" IN (${chunk.map(() => "?")})`)
      .all(chunk) as { id: string; observedAt: string | null }[];
    for (const row of rows) stored.set(row.id, row.observedAt ? new Date(row.observedAt) : null);
  }
  return stored;
}

/**
 * Writes tickets and their label rows on `db`, inside a transaction the caller holds, except
 * those older than the cached version (observed.ts). One record per ticket: a statement must
 * not hold an id twice.
 */
export function writeTicketRows(db: Database.Database, incoming: readonly TicketRecord[]): void {
  const records = notOlderThanCached(
    incoming,
    storedObservations(
      db,
      incoming.map((record) => record.id),
    ),
  );
  const statements = new Map<string, Database.Statement>();
  const prepared = (key: string, sql: () => string) => {
    let statement = statements.get(key);
    if (!statement) statements.set(key, (statement = db.prepare(sql())));
    return statement;
  };
  const addLabel = db.prepare(ADD_LABEL_SQL);
  for (const { keepCount, keepAuthorJid, chunk } of ticketChunks(records)) {
    const rows = chunk.length;
    prepared(`upsert ${rows} ${keepCount} ${keepAuthorJid}`, () =>
      ticketUpsertSql(rows, keepCount, keepAuthorJid),
    ).run(chunk.flatMap(rowValues));
    prepared(`clear ${rows}`, () => clearLabelsSql(rows)).run(chunk.map((record) => record.id));
    for (const record of chunk) {
      for (const label of labelsOf(record)) addLabel.run(record.id, label);
    }
  }
}

/** As long as db.ts lets Prisma's connection wait for another writer. */
const BUSY_TIMEOUT_MS = 10_000;

const isBusy = (error: unknown) =>
  error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");

/**
 * Runs one write attempt. upsertTickets passes a Prisma transaction here so that no other
 * Prisma transaction of this process is half done while the write commits.
 */
export type Serialize = (attempt: () => boolean) => Promise<boolean>;

/**
 * Writes tickets to the SQLite file in one transaction, on a connection opened for the write
 * only, so it never outlives the file (tests delete and recreate theirs).
 *
 * Another writer (a script on the same file) is waited for asynchronously, a pause then a
 * new attempt, where a busy timeout would block this process's event loop, and would keep
 * `serialize`'s hold on Prisma for as long. Once the lock is taken the write runs without
 * yielding, so nothing else in this process interleaves with it.
 */
export async function writeTicketsToFile(
  file: string,
  records: readonly TicketRecord[],
  serialize: Serialize = async (attempt) => attempt(),
): Promise<void> {
  if (records.length === 0) return;
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    if (await serialize(() => tryWrite(file, records))) return;
    if (Date.now() + pause > deadline) {
      throw new Error(`the cache ${file} stayed locked by another writer`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** One attempt: false, with nothing written, when another connection holds the database. */
function tryWrite(file: string, records: readonly TicketRecord[]): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    // Per connection, as db.ts sets them for Prisma's: WAL + NORMAL skips an fsync per commit,
    // and with a big page cache a cold sync's transaction (~27 MB of pages) never spills.
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -131072");
    // In WAL mode only BEGIN IMMEDIATE can find the database busy; in rollback-journal mode
    // COMMIT can too (readers in other processes).
    try {
      db.exec("BEGIN IMMEDIATE");
      writeTicketRows(db, records);
      db.exec("COMMIT");
      return true;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      if (isBusy(error)) return false;
      throw error;
    }
  } finally {
    db.close();
  }
}
