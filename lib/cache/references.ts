import type { ItemReference } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { lockItems } from "./item-lock";
import { blockList, isBlocked, notFiledByBlocked } from "./moderation";

/** What one text (a ticket's, a merge request's or a comment's) names, as last cached. */
export interface TextReferences {
  readonly projectId: string;
  readonly fromId: string;
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly publisher: string;
  readonly targets: readonly { readonly toKind: string; readonly toNumber: number }[];
}

/** Replaces what each text names, all in one transaction (a cold sync brings thousands). */
export async function replaceReferences(texts: readonly TextReferences[]): Promise<void> {
  if (texts.length === 0) return;
  const db = await getDb();
  const rows: ItemReference[] = texts.flatMap(({ targets, ...from }) =>
    targets.map((target) => ({ ...from, ...target })),
  );
  const fromIds = texts.map((text) => text.fromId);
  await db.$transaction([
    // A text is often recorded twice at once (a publish read back and its notification): on
    // PostgreSQL both would delete nothing and insert the same keys (item-lock.ts).
    ...lockItems(
      db,
      fromIds.map((id) => `references ${id}`),
    ),
    db.itemReference.deleteMany({ where: { fromId: { in: fromIds } } }),
    db.itemReference.createMany({ data: rows }),
  ]);
}

/** Texts that are gone: retracted items, or every comment of a purged node (`fromPrefix`). */
export async function deleteReferences(
  where: { fromIds: readonly string[] } | { fromPrefix: string },
): Promise<void> {
  const db = await getDb();
  await db.itemReference.deleteMany({
    where:
      "fromIds" in where
        ? { fromId: { in: [...where.fromIds] } }
        : { fromId: { startsWith: where.fromPrefix } },
  });
}

/** A ticket or merge request on which an item is named, as a backlink shows it. */
export interface ReferenceSource {
  readonly kind: "ticket" | "merge-request";
  readonly id: string;
  readonly itemId: string;
  readonly number: number | null;
  readonly title: string;
  readonly status: string;
}

const SOURCE_FIELDS = {
  id: true,
  itemId: true,
  number: true,
  title: true,
  status: true,
} as const;

/**
 * The tickets and merge requests on which the item is named, each once (a hundred at most),
 * except where only blocked publishers named it, or a blocked publisher filed or last
 * published the ticket or merge request (lib/cache/moderation.ts).
 */
export async function listBacklinks(
  projectId: string,
  toKind: string,
  toNumber: number,
): Promise<ReferenceSource[]> {
  const db = await getDb();
  const links = await db.itemReference.findMany({
    where: { projectId, toKind, toNumber },
    select: { sourceKind: true, sourceId: true, publisher: true },
    take: 500,
  });
  const blocks = await blockList(projectId);
  const named = links.filter((link) => !isBlocked(blocks, link.publisher));
  const ids = (kind: string) =>
    [...new Set(named.filter((l) => l.sourceKind === kind).map((l) => l.sourceId))].slice(0, 100);
  const shown = { AND: notFiledByBlocked(blocks) };
  const [tickets, mergeRequests] = await Promise.all([
    db.ticket.findMany({ where: { id: { in: ids("ticket") }, ...shown }, select: SOURCE_FIELDS }),
    db.mergeRequest.findMany({
      where: { id: { in: ids("merge-request") }, ...shown },
      select: SOURCE_FIELDS,
    }),
  ]);
  const source = (kind: ReferenceSource["kind"]) => (row: (typeof tickets)[number]) => ({
    kind,
    id: row.id,
    itemId: row.itemId,
    number: row.number,
    title: row.title,
    status: row.status,
  });
  return [...tickets.map(source("ticket")), ...mergeRequests.map(source("merge-request"))];
}
