import type { WikiPage, WikiRevision } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { like } from "./text-match";
import { lockItems } from "./item-lock";

export type WikiPageRecord = WikiPage;
export type WikiRevisionRecord = WikiRevision;

export async function upsertWikiPage(record: WikiPageRecord): Promise<void> {
  const db = await getDb();
  const { id, ...rest } = record;
  // One row per (project, slug): a page item seen under another cache id replaces it.
  await db.$transaction([
    ...lockItems(db, [`${record.projectId}\n${record.slug}`]),
    db.wikiPage.deleteMany({
      where: { projectId: record.projectId, slug: record.slug, id: { not: id } },
    }),
    db.wikiPage.upsert({ where: { id }, create: record, update: rest }),
  ]);
}

export async function deleteWikiPage(id: string): Promise<WikiPage | null> {
  const db = await getDb();
  const row = await db.wikiPage.findUnique({ where: { id } });
  await db.wikiPage.deleteMany({ where: { id } });
  return row;
}

export async function findWikiPage(projectId: string, slug: string): Promise<WikiPage | null> {
  const db = await getDb();
  return db.wikiPage.findUnique({ where: { projectId_slug: { projectId, slug } } });
}

export type WikiPageSummary = Pick<
  WikiPage,
  "id" | "slug" | "title" | "revision" | "publisher" | "updated"
>;

/** The page index, by title. */
export async function listWikiPages(projectId: string): Promise<WikiPageSummary[]> {
  const db = await getDb();
  return db.wikiPage.findMany({
    where: { projectId },
    select: { id: true, slug: true, title: true, revision: true, publisher: true, updated: true },
    orderBy: { title: "asc" },
  });
}

/** Which pages exist, for telling links to them from links to pages yet to write. */
export async function wikiSlugs(projectId: string): Promise<Set<string>> {
  const db = await getDb();
  const rows = await db.wikiPage.findMany({ where: { projectId }, select: { slug: true } });
  return new Set(rows.map((row) => row.slug));
}

/** Pages containing every word (title or text), most recently updated first. */
export async function searchWikiPages(
  projectId: string,
  text: string,
  limit = 50,
): Promise<WikiPage[]> {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const db = await getDb();
  return db.wikiPage.findMany({
    where: {
      AND: [{ projectId }, ...words.map((word) => ({ searchText: like({ contains: word }) }))],
    },
    orderBy: { updated: "desc" },
    take: limit,
  });
}

/**
 * Stores a revision. History items are immutable: when one comes back with other content than
 * the cache holds, the service's copy is stored (the cache never outranks it) but marked, so
 * it is not shown as the legitimate record.
 */
export async function upsertWikiRevision(record: WikiRevisionRecord): Promise<void> {
  const db = await getDb();
  const key = `${record.projectId}\n${record.slug}\n${record.revision}`;
  await db.$transaction(async (tx) => {
    for (const lock of lockItems(tx, [key])) await lock;
    const known = await tx.wikiRevision.findUnique({ where: { id: record.id } });
    const rewritten =
      known !== null &&
      (known.markdown !== record.markdown ||
        known.title !== record.title ||
        known.summary !== record.summary ||
        known.publisher !== record.publisher ||
        known.deleted !== record.deleted);
    const flagged =
      [record.flagged, known?.flagged, rewritten ? "rewritten after it was first published" : ""]
        .filter(Boolean)
        .filter((reason, index, all) => all.indexOf(reason) === index)
        .join("; ") || "";
    const { id, ...rest } = { ...record, flagged };
    await tx.wikiRevision.upsert({ where: { id }, create: { id, ...rest }, update: rest });
  });
}

export async function deleteWikiRevision(id: string): Promise<WikiRevision | null> {
  const db = await getDb();
  const row = await db.wikiRevision.findUnique({ where: { id } });
  await db.wikiRevision.deleteMany({ where: { id } });
  return row;
}

export async function findWikiRevision(
  projectId: string,
  slug: string,
  revision: number,
): Promise<WikiRevision | null> {
  const db = await getDb();
  return db.wikiRevision.findUnique({
    where: { projectId_slug_revision: { projectId, slug, revision } },
  });
}

/** The newest revision recorded for a slug (a deletion or rename included). */
export async function latestWikiRevision(
  projectId: string,
  slug: string,
): Promise<WikiRevision | null> {
  const db = await getDb();
  return db.wikiRevision.findFirst({ where: { projectId, slug }, orderBy: { revision: "desc" } });
}

/**
 * A page's history, newest first, following renames back: the first revision under a new
 * name says which name it had, and the revisions before it under that name are its past.
 */
export async function wikiHistory(projectId: string, slug: string): Promise<WikiRevision[]> {
  const db = await getDb();
  const history: WikiRevision[] = [];
  const seen = new Set<string>();
  let current: string | undefined = slug;
  // Unbounded at first: PostgreSQL refuses a bound beyond its 32-bit integers.
  let below: number | undefined;
  while (current && !seen.has(current) && seen.size < 50) {
    seen.add(current);
    const rows: WikiRevision[] = await db.wikiRevision.findMany({
      where: {
        projectId,
        slug: current,
        ...(below === undefined ? {} : { revision: { lt: below } }),
      },
      orderBy: { revision: "desc" },
    });
    history.push(...rows);
    const renamed = rows.find((row) => row.renamedFrom !== "");
    current = renamed?.renamedFrom;
    below = renamed?.revision ?? below;
  }
  return history;
}
