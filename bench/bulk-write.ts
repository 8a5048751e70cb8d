/**
 * A direct better-sqlite3 writer for ticket rows, used (1) to fill the filter benchmark's cache
 * quickly and (2) as the prototype of a faster sync. It writes exactly the rows that
 * lib/cache/tickets.ts upsertTicket writes (same columns, same date encoding as Prisma's SQLite
 * adapter, same label index); `snapshotTickets` lets the benchmarks check that, row by row.
 */
import Database from "better-sqlite3";
import { databaseUrl, sqliteFile } from "@/lib/cache/db";
import type { TicketRecord } from "@/lib/cache/tickets";

/** A second connection to the cache file; WAL lets it work beside Prisma's. */
export function openRawDb(options: { readonly?: boolean } = {}): Database.Database {
  return new Database(sqliteFile(databaseUrl()), {
    readonly: options.readonly ?? false,
    timeout: 10_000,
  });
}

// Every Ticket column but id and commentCount, which upsertTicket treats specially.
const COLUMNS = [
  "projectId",
  "service",
  "node",
  "itemId",
  "publisher",
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
] as const;

/** How @prisma/adapter-better-sqlite3 stores a DateTime (its default "iso8601" format). */
const sqlDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

export type BulkWriter = (records: readonly TicketRecord[]) => void;

/**
 * Upserts many tickets in ONE transaction with prepared statements: no per-row transaction,
 * no query compilation, no RETURNING of the whole row (Prisma's upsert returns every column,
 * rawXml included, only for upsertTicket to throw it away).
 */
export function bulkTicketWriter(db: Database.Database): BulkWriter {
  const names = ["id", ...COLUMNS, "commentCount"];
  const upsert = db.prepare(
    `INSERT INTO Ticket (${names.map((n) => `"${n}"`).join(", ")})
     VALUES (${names.map((n) => `@${n}`).join(", ")})
     ON CONFLICT (id) DO UPDATE SET
       ${COLUMNS.map((n) => `"${n}" = excluded."${n}"`).join(", ")},
       commentCount = CASE WHEN @keepCount THEN Ticket.commentCount ELSE excluded.commentCount END`,
  );
  const clearLabels = db.prepare(`DELETE FROM TicketLabel WHERE ticketId = ?`);
  const addLabel = db.prepare(`INSERT INTO TicketLabel (ticketId, label) VALUES (?, ?)`);
  return db.transaction((records: readonly TicketRecord[]) => {
    for (const record of records) {
      upsert.run({
        ...record,
        created: sqlDate(record.created),
        updated: sqlDate(record.updated),
        commentCount: record.commentCount ?? 0,
        // upsertTicket leaves the stored count alone when the record carries none.
        keepCount: record.commentCount === undefined ? 1 : 0,
      });
      clearLabels.run(record.id);
      for (const label of new Set<string>(JSON.parse(record.labels)))
        addLabel.run(record.id, label);
    }
  });
}

/** Every stored column of some tickets and their label rows, for comparing two writers. */
export function snapshotTickets(db: Database.Database, projectId: string): unknown[] {
  const tickets = db.prepare(`SELECT * FROM Ticket WHERE projectId = ? ORDER BY id`).all(projectId);
  const labels = db
    .prepare(
      `SELECT l.ticketId, l.label FROM TicketLabel l JOIN Ticket t ON t.id = l.ticketId
       WHERE t.projectId = ? ORDER BY l.ticketId, l.label`,
    )
    .all(projectId);
  return [tickets, labels];
}
