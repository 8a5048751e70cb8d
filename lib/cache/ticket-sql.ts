import type { TicketRecord } from "./tickets";

/**
 * Tickets written as multi-row `INSERT … ON CONFLICT DO UPDATE` statements: Prisma pays per
 * statement, so a cold sync of thousands of tickets goes ~4× faster this way than through
 * createMany + update (bench/RESULTS.md, cold-sync), and a ticket that a notification inserts
 * meanwhile is updated rather than failing the batch. SQLite syntax and `?` placeholders.
 */
export const TICKET_COLUMNS = [
  "id",
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
  "commentCount",
] as const;

/** How @prisma/adapter-better-sqlite3 stores a DateTime, so Prisma reads these rows back. */
export const sqlDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

type Statement = [sql: string, ...params: (string | number)[]];

function rowValues(record: TicketRecord): (string | number)[] {
  const values = {
    ...record,
    created: sqlDate(record.created),
    updated: sqlDate(record.updated),
    commentCount: record.commentCount ?? 0,
  };
  return TICKET_COLUMNS.map((column) => values[column]);
}

export const ROWS_PER_STATEMENT = 100; // 22 parameters a row, well under SQLite's limit of 32,766

export function ticketUpsertStatements(records: readonly TicketRecord[]): Statement[] {
  const statements: Statement[] = [];
  const row = `(${TICKET_COLUMNS.map(() => "?").join(", ")})`;
  const updated = TICKET_COLUMNS.filter((c) => c !== "id" && c !== "commentCount")
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(", ");
  // A record without a comment count (an item just received) keeps the count already stored.
  for (const keepCount of [true, false]) {
    const group = records.filter((record) => (record.commentCount === undefined) === keepCount);
    for (let i = 0; i < group.length; i += ROWS_PER_STATEMENT) {
      const chunk = group.slice(i, i + ROWS_PER_STATEMENT);
      statements.push([
        `INSERT INTO "Ticket" (${TICKET_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${chunk.map(() => row).join(", ")}
         ON CONFLICT ("id") DO UPDATE SET ${updated}` +
          (keepCount ? "" : `, "commentCount" = excluded."commentCount"`),
        ...chunk.flatMap(rowValues),
      ]);
      statements.push([
        `DELETE FROM "TicketLabel" WHERE "ticketId" IN (${chunk.map(() => "?").join(", ")})`,
        ...chunk.map((record) => record.id),
      ]);
      const labels = chunk.flatMap((record) =>
        [...new Set<string>(JSON.parse(record.labels))].map((label) => [record.id, label]),
      );
      for (let j = 0; j < labels.length; j += 500) {
        const some = labels.slice(j, j + 500);
        statements.push([
          `INSERT INTO "TicketLabel" ("ticketId", "label") VALUES ${some.map(() => "(?, ?)").join(", ")}`,
          ...some.flat(),
        ]);
      }
    }
  }
  return statements;
}
