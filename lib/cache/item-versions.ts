import type { TrackerItemVersion } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { lockItems } from "./item-lock";

/** The two kinds of tracker items whose earlier versions are kept. */
export type TrackerKind = "ticket" | "merge-request";

/** What the cache holds about the current version of a ticket or merge request. */
export interface TrackerItemState {
  id: string;
  firstPublisher: string;
  publisher: string;
  flaggedBy: string;
  versionSeenAt: Date | null;
}

/**
 * Versions kept per item. Anyone may republish an item as often as they like; the newest
 * trusted version is kept beyond this, since a revert goes back to it.
 */
export const MAX_KEPT_VERSIONS = 20;

const STATE = {
  id: true,
  firstPublisher: true,
  publisher: true,
  flaggedBy: true,
  versionSeenAt: true,
} as const;

/** SQLite allows 32,766 parameters a statement; a cold sync asks about thousands of ids. */
const IDS_PER_QUERY = 500;

/** The cached current versions of those of `ids` that are cached. */
export async function trackerItemStates(
  kind: TrackerKind,
  ids: readonly string[],
): Promise<Map<string, TrackerItemState>> {
  const db = await getDb();
  const states = new Map<string, TrackerItemState>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const where = { id: { in: ids.slice(i, i + IDS_PER_QUERY) } };
    const rows =
      kind === "ticket"
        ? await db.ticket.findMany({ where, select: STATE })
        : await db.mergeRequest.findMany({ where, select: STATE });
    for (const row of rows) states.set(row.id, row);
  }
  return states;
}

export interface ReplacedVersion {
  itemKey: string;
  /** Whether its publisher was trusted when it was seen (see lib/forge/items/overwrite-flag.ts). */
  trusted: boolean;
}

/**
 * Copies the cached current versions of these items into their history, before newer ones
 * are written over them, and drops what goes beyond MAX_KEPT_VERSIONS.
 */
export async function keepReplacedVersions(
  kind: TrackerKind,
  replaced: readonly ReplacedVersion[],
  replacedAt = new Date(),
): Promise<void> {
  if (replaced.length === 0) return;
  const db = await getDb();
  const where = { id: { in: replaced.map((version) => version.itemKey) } };
  const select = { id: true, publisher: true, versionSeenAt: true, rawXml: true } as const;
  const rows =
    kind === "ticket"
      ? await db.ticket.findMany({ where, select })
      : await db.mergeRequest.findMany({ where, select });
  const trusted = new Map(replaced.map((version) => [version.itemKey, version.trusted]));
  for (const row of rows) {
    // The same version applied twice at once (a publish read back, and its notification) is
    // replaced twice: it is kept once. The item is locked (on PostgreSQL; SQLite has one
    // writer at a time), so the two cannot both look first.
    await db.$transaction(async (tx) => {
      for (const lock of lockItems(tx, [`version\n${row.id}`])) await lock;
      const newest = await tx.trackerItemVersion.findFirst({
        where: { itemKey: row.id },
        orderBy: { id: "desc" },
        select: { publisher: true, rawXml: true },
      });
      if (newest?.publisher === row.publisher && newest.rawXml === row.rawXml) return;
      await tx.trackerItemVersion.create({
        data: {
          itemKey: row.id,
          publisher: row.publisher,
          trusted: trusted.get(row.id) ?? false,
          seenAt: row.versionSeenAt ?? replacedAt,
          replacedAt,
          rawXml: row.rawXml,
        },
      });
    });
    await prune(row.id);
  }
}

async function prune(itemKey: string): Promise<void> {
  const db = await getDb();
  const versions = await db.trackerItemVersion.findMany({
    where: { itemKey },
    select: { id: true, trusted: true },
    orderBy: { id: "desc" },
  });
  if (versions.length <= MAX_KEPT_VERSIONS) return;
  const kept = new Set(versions.slice(0, MAX_KEPT_VERSIONS).map((version) => version.id));
  const newestTrusted = versions.find((version) => version.trusted);
  if (newestTrusted) kept.add(newestTrusted.id);
  await db.trackerItemVersion.deleteMany({
    where: { itemKey, id: { notIn: [...kept] } },
  });
}

/** The item's earlier versions, newest first. */
export async function itemVersions(itemKey: string): Promise<TrackerItemVersion[]> {
  const db = await getDb();
  return db.trackerItemVersion.findMany({ where: { itemKey }, orderBy: { id: "desc" } });
}

/** The newest earlier version whose publisher was trusted: what a revert goes back to. */
export async function latestTrustedVersion(itemKey: string): Promise<TrackerItemVersion | null> {
  const db = await getDb();
  return db.trackerItemVersion.findFirst({
    where: { itemKey, trusted: true },
    orderBy: { id: "desc" },
  });
}
