/**
 * cold-sync's comparison of ticket writers: the same rows written other ways, each into a cache
 * emptied of them and checked identical to what upsertTickets wrote, to show what costs per
 * transaction, per Prisma query, per statement.
 */
import { isDeepStrictEqual } from "node:util";
import { getDb } from "@/lib/cache/db";
import { ROWS_PER_STATEMENT } from "@/lib/cache/ticket-sql";
import type { TicketRecord } from "@/lib/cache/ticket-record";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import {
  ADD_LABEL_SQL,
  bulkTicketWriter,
  CLEAR_LABELS_SQL,
  labelsOf,
  multiRowStatements,
  openRawDb,
  snapshotTickets,
  UPSERT_SQL,
  upsertParams,
} from "./bulk-write";
import { timed } from "./stats";

const PRISMA_BATCH = 500;
/** The slow writers get this many tickets: per-ticket cost is what compares. */
const SAMPLE = 1_000;

export interface WriteVariant {
  name: string;
  tickets: number;
  ms: number;
}

/** upsertTicket's operations before it was batched: one upsert + two label queries. */
function perTicketOperations(db: PrismaClient, record: TicketRecord) {
  const { id, commentCount, ...rest } = record;
  return [
    db.ticket.upsert({
      where: { id },
      create: { id, commentCount: commentCount ?? 0, ...rest },
      update: { ...rest, ...(commentCount === undefined ? {} : { commentCount }) },
    }),
    db.ticketLabel.deleteMany({ where: { ticketId: id } }),
    db.ticketLabel.createMany({
      data: labelsOf(record).map((label) => ({ ticketId: id, label })),
    }),
  ];
}

/** The snapshot restricted to some tickets (snapshotTickets gives [tickets, labels]). */
function subsetOf(snapshot: unknown[], ids: Set<string>): unknown[] {
  const [tickets, labels] = snapshot as [{ id: string }[], { ticketId: string }[]];
  return [tickets.filter((t) => ids.has(t.id)), labels.filter((l) => ids.has(l.ticketId))];
}

/** `expected`: snapshotTickets of the rows upsertTickets wrote for `records`. */
export async function writeVariants(
  projectId: string,
  records: TicketRecord[],
  expected: unknown[],
): Promise<WriteVariant[]> {
  const raw = openRawDb();
  const db = await getDb();
  const variants: WriteVariant[] = [];
  const attempt = async (
    name: string,
    some: TicketRecord[],
    write: (some: TicketRecord[]) => Promise<unknown> | void,
  ) => {
    raw.prepare(`DELETE FROM Ticket WHERE projectId = ?`).run(projectId); // labels go with them
    const { ms: took } = await timed(() => write(some));
    const wanted = subsetOf(expected, new Set(some.map((r) => r.id)));
    if (!isDeepStrictEqual(wanted, snapshotTickets(raw, projectId))) {
      throw new Error(`${name}: rows differ from upsertTickets'`);
    }
    variants.push({ name, tickets: some.length, ms: took });
  };
  const sample = records.slice(0, SAMPLE);
  try {
    const bulk = bulkTicketWriter(raw);
    await attempt(
      `Prisma: upsert + deleteMany + createMany per ticket (upsertTicket before batching), ` +
        `one $transaction per ${PRISMA_BATCH} tickets`,
      sample,
      async (some) => {
        for (let i = 0; i < some.length; i += PRISMA_BATCH) {
          await db.$transaction(
            some.slice(i, i + PRISMA_BATCH).flatMap((r) => perTicketOperations(db, r)),
          );
        }
      },
    );
    await attempt(
      "Prisma $executeRawUnsafe, one statement per row, one interactive transaction",
      sample,
      (some) =>
        db.$transaction(
          async (tx: Prisma.TransactionClient) => {
            for (const record of some) {
              await tx.$executeRawUnsafe(UPSERT_SQL, ...upsertParams(record));
              await tx.$executeRawUnsafe(CLEAR_LABELS_SQL, record.id);
              for (const label of labelsOf(record)) {
                await tx.$executeRawUnsafe(ADD_LABEL_SQL, record.id, label);
              }
            }
          },
          { timeout: 120_000 },
        ),
    );
    await attempt(
      `Prisma $executeRawUnsafe, multi-row INSERT … ON CONFLICT (${ROWS_PER_STATEMENT} tickets ` +
        `per statement) + labels likewise, in one $transaction([…]) (upsertTickets until now)`,
      records,
      (all) =>
        db.$transaction(
          multiRowStatements(all).map(([sql, ...params]) => db.$executeRawUnsafe(sql, ...params)),
        ),
    );
    await attempt(
      "better-sqlite3, one prepared statement per row, one transaction per ticket",
      sample,
      (some) => {
        for (const record of some) bulk([record]);
      },
    );
    await attempt(
      "better-sqlite3, one prepared statement per row, one transaction for all",
      records,
      bulk,
    );
  } finally {
    raw.close();
  }
  return variants;
}
