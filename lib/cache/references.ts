import type { ItemReference } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { lockItems } from "./item-lock";
import { blockList, isBlocked, joinBlockLists, notFiledByBlocked } from "./moderation";

/** What one text (a ticket's, a merge request's or a comment's) names, as last cached. */
export interface TextReferences {
  readonly projectId: string;
  readonly fromId: string;
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly publisher: string;
  readonly targets: readonly {
    readonly toProjectId: string;
    readonly toKind: string;
    readonly toNumber: number;
  }[];
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
  /** The project it belongs to: the named item's, or another one. */
  readonly projectId: string;
  readonly kind: "ticket" | "merge-request";
  readonly id: string;
  readonly itemId: string;
  readonly number: number | null;
  readonly title: string;
  readonly status: string;
}

const SOURCE_FIELDS = {
  projectId: true,
  id: true,
  itemId: true,
  number: true,
  title: true,
  status: true,
} as const;

/**
 * The tickets and merge requests on which the item is named, in its own project or others,
 * each once (a hundred of each kind at most), except where only publishers blocked (in the
 * naming text's project or the named item's) named it, or one of them filed or last published
 * the ticket or merge request (lib/cache/moderation.ts). Whether the viewer may read the other
 * projects is the caller's to check (items/visible-backlinks.ts).
 */
export async function listBacklinks(
  toProjectId: string,
  toKind: string,
  toNumber: number,
): Promise<ReferenceSource[]> {
  const db = await getDb();
  const links = await db.itemReference.findMany({
    where: { toProjectId, toKind, toNumber },
    select: { projectId: true, sourceKind: true, sourceId: true, publisher: true },
    take: 500,
  });
  const projects = [...new Set(links.map((link) => link.projectId))];
  // The named item's maintainers block too: a stranger's project cannot hang their spam on it.
  const targetBlocks = await blockList(toProjectId);
  const blocks = new Map(
    await Promise.all(
      projects.map(async (id) => [id, joinBlockLists(await blockList(id), targetBlocks)] as const),
    ),
  );
  const unblocked = links.filter((link) => !isBlocked(blocks.get(link.projectId)!, link.publisher));
  const ids = (kind: string) =>
    [...new Set(unblocked.filter((l) => l.sourceKind === kind).map((l) => l.sourceId))].slice(
      0,
      100,
    );
  const shown = {
    OR: projects.map((projectId) => ({
      projectId,
      AND: notFiledByBlocked(blocks.get(projectId)!),
    })),
  };
  const [tickets, mergeRequests] = await Promise.all([
    db.ticket.findMany({ where: { id: { in: ids("ticket") }, ...shown }, select: SOURCE_FIELDS }),
    db.mergeRequest.findMany({
      where: { id: { in: ids("merge-request") }, ...shown },
      select: SOURCE_FIELDS,
    }),
  ]);
  const source = (kind: ReferenceSource["kind"]) => (row: (typeof tickets)[number]) => ({
    projectId: row.projectId,
    kind,
    id: row.id,
    itemId: row.itemId,
    number: row.number,
    title: row.title,
    status: row.status,
  });
  return [...tickets.map(source("ticket")), ...mergeRequests.map(source("merge-request"))];
}
