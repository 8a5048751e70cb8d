/**
 * A direct better-sqlite3 writer for ticket rows, used (1) to fill the filter benchmark's cache
 * quickly and (2) as the prototype of a faster sync. It writes exactly the rows that
 * lib/cache/tickets.ts upsertTickets writes (same columns, same date encoding as Prisma's SQLite
 * adapter, same label index); `snapshotTickets` lets the benchmarks check that, row by row.
 */
import Database from "better-sqlite3";
import { databaseUrl, sqliteFile } from "@/lib/cache/db";
import {
  clearLabelsSql,
  rowValues,
  sqlDate,
  TICKET_COLUMNS,
  ticketChunks,
  ticketUpsertSql,
} from "@/lib/cache/ticket-sql";
import type { TicketRecord } from "@/lib/cache/ticket-record";

/** A second connection to the cache file; WAL lets it work beside Prisma's. */
export function openRawDb(options: { readonly?: boolean } = {}): Database.Database {
  return new Database(sqliteFile(databaseUrl()), {
    readonly: options.readonly ?? false,
    timeout: 10_000,
  });
}

// Every Ticket column but id and commentCount, which the lib treats specially.
const COLUMNS = TICKET_COLUMNS.filter((c) => c !== "id" && c !== "commentCount");

const NAMES = ["id", ...COLUMNS, "commentCount", "keepCount"] as const;

/**
 * The lib's ticket upsert as one statement, with positional parameters (see upsertParams).
 * ON CONFLICT ... DO UPDATE is also PostgreSQL syntax (with $n placeholders there). No
 * RETURNING: Prisma's upsert returns every column, rawXml included, for nobody to read.
 */
export const UPSERT_SQL = `INSERT INTO Ticket (${["id", ...COLUMNS, "commentCount"].map((n) => `"${n}"`).join(", ")})
  VALUES (${["id", ...COLUMNS, "commentCount"].map(() => "?").join(", ")})
  ON CONFLICT (id) DO UPDATE SET
    ${COLUMNS.map((n) => `"${n}" = excluded."${n}"`).join(", ")},
    commentCount = CASE WHEN ? THEN Ticket.commentCount ELSE excluded.commentCount END`;

export const CLEAR_LABELS_SQL = `DELETE FROM TicketLabel WHERE ticketId = ?`;
export const ADD_LABEL_SQL = `INSERT INTO TicketLabel (ticketId, label) VALUES (?, ?)`;

export function upsertParams(record: TicketRecord): (string | number | null)[] {
  const values: Record<(typeof NAMES)[number], string | number | null> = {
    ...record,
    created: sqlDate(record.created),
    updated: sqlDate(record.updated),
    versionSeenAt: record.versionSeenAt ? sqlDate(record.versionSeenAt) : null,
    observedAt: record.observedAt ? sqlDate(record.observedAt) : null,
    commentCount: record.commentCount ?? 0,
    // The lib leaves the stored count alone when the record carries none.
    keepCount: record.commentCount === undefined ? 1 : 0,
  };
  return NAMES.map((name) => values[name]);
}

export const labelsOf = (record: TicketRecord) => [...new Set<string>(JSON.parse(record.labels))];

type Statement = [sql: string, ...params: (string | number | null)[]];

/**
 * The lib's multi-row statements (lib/cache/ticket-sql.ts) as upsertTickets sent them through
 * Prisma's $executeRawUnsafe before it wrote on a connection of its own: tickets, then the
 * chunk's labels cleared, then its labels 500 rows a statement.
 */
export function multiRowStatements(records: readonly TicketRecord[]): Statement[] {
  const statements: Statement[] = [];
  for (const { keepCount, chunk } of ticketChunks(records)) {
    statements.push([ticketUpsertSql(chunk.length, keepCount), ...chunk.flatMap(rowValues)]);
    statements.push([clearLabelsSql(chunk.length), ...chunk.map((record) => record.id)]);
    const labels = chunk.flatMap((record) => labelsOf(record).map((label) => [record.id, label]));
    for (let j = 0; j < labels.length; j += 500) {
      const some = labels.slice(j, j + 500);
      statements.push([
        `INSERT INTO "TicketLabel" ("ticketId", "label") VALUES ${some.map(() => "(?, ?)").join(", ")}`,
        ...some.flat(),
      ]);
    }
  }
  return statements;
}

export type BulkWriter = (records: readonly TicketRecord[]) => void;

/** Upserts many tickets in ONE transaction with prepared statements (no query compilation). */
export function bulkTicketWriter(db: Database.Database): BulkWriter {
  const upsert = db.prepare(UPSERT_SQL);
  const clearLabels = db.prepare(CLEAR_LABELS_SQL);
  const addLabel = db.prepare(ADD_LABEL_SQL);
  return db.transaction((records: readonly TicketRecord[]) => {
    for (const record of records) {
      upsert.run(upsertParams(record));
      clearLabels.run(record.id);
      for (const label of labelsOf(record)) addLabel.run(record.id, label);
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
