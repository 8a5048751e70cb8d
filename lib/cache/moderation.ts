import type { ModerationBlock, ThreadLock } from "@/lib/generated/prisma/client";
import { getDb } from "./db";
import { like } from "./text-match";

/**
 * What a project's blocks hide: whatever bare JIDs in `jids` published, and whatever anyone on
 * a domain of `domains`, or on a subdomain of one, published.
 */
export interface BlockList {
  jids: string[];
  domains: string[];
}

/** A block's target is a domain when it has no local part. */
export function blockListOf(targets: readonly string[]): BlockList {
  const lower = targets.map((target) => target.toLowerCase());
  return {
    jids: lower.filter((target) => target.includes("@")),
    domains: lower.filter((target) => !target.includes("@")),
  };
}

/** Who is blocked by either list. */
export const joinBlockLists = (a: BlockList, b: BlockList): BlockList => ({
  jids: [...a.jids, ...b.jids],
  domains: [...a.domains, ...b.domains],
});

/** Whether a publisher (as the cache stores it) is blocked; the SQL of `notPublishedBy` agrees. */
export function isBlocked(blocks: BlockList, publisher: string): boolean {
  const jid = publisher.toLowerCase();
  if (!jid) return false;
  if (blocks.jids.includes(jid)) return true;
  return blocks.domains.some(
    (domain) => jid === domain || jid.endsWith(`@${domain}`) || jid.endsWith(`.${domain}`),
  );
}

type FieldFilter<F extends string> = {
  [K in F]?: { notIn?: string[]; endsWith?: string; equals?: string };
};
type Clause<F extends string> = FieldFilter<F> | { NOT: { OR: FieldFilter<F>[] } };

/** Conditions (to AND) that keep rows whose `field` holds a blocked publisher out of a query. */
export function notPublishedBy<F extends string>(field: F, blocks: BlockList): Clause<F>[] {
  const on = (filter: { notIn?: string[]; endsWith?: string; equals?: string }) =>
    ({ [field]: filter }) as FieldFilter<F>;
  const clauses: Clause<F>[] = [];
  if (blocks.jids.length) clauses.push(on({ notIn: blocks.jids }));
  for (const domain of blocks.domains) {
    clauses.push({
      NOT: {
        OR: [
          on({ equals: domain }),
          on(like({ endsWith: `@${domain}` })),
          on(like({ endsWith: `.${domain}` })),
        ],
      },
    });
  }
  return clauses;
}

/**
 * Conditions (to AND) that keep a tracker item (ticket or merge request) out when a blocked
 * publisher filed it or published its current version: out of lists, counts and label menus.
 */
export const notFiledByBlocked = (blocks: BlockList) => [
  ...notPublishedBy("publisher", blocks),
  ...notPublishedBy("authorJid", blocks),
];

export async function blockList(projectId: string): Promise<BlockList> {
  const db = await getDb();
  const rows = await db.moderationBlock.findMany({
    where: { projectId },
    select: { target: true },
  });
  return blockListOf(rows.map((row) => row.target));
}

/** Whether any of these publishers of one item is blocked in its project. */
export async function publishedByBlocked(
  projectId: string,
  publishers: readonly string[],
): Promise<boolean> {
  const blocks = await blockList(projectId);
  return publishers.some((publisher) => isBlocked(blocks, publisher));
}

export async function listBlocks(projectId: string): Promise<ModerationBlock[]> {
  const db = await getDb();
  return db.moderationBlock.findMany({ where: { projectId }, orderBy: { blockedAt: "desc" } });
}

export async function upsertBlock(row: ModerationBlock): Promise<void> {
  const db = await getDb();
  const { id, ...rest } = row;
  await db.moderationBlock.upsert({ where: { id }, create: row, update: rest });
}

export async function upsertThreadLock(row: ThreadLock): Promise<void> {
  const db = await getDb();
  const { id, ...rest } = row;
  await db.threadLock.upsert({ where: { id }, create: row, update: rest });
}

/** The lock of a thread of this project, if it is locked. */
export async function findThreadLock(
  projectId: string,
  threadService: string,
  threadNode: string,
): Promise<ThreadLock | null> {
  const db = await getDb();
  return db.threadLock.findFirst({ where: { projectId, threadService, threadNode } });
}

export async function listThreadLocks(projectId: string): Promise<ThreadLock[]> {
  const db = await getDb();
  return db.threadLock.findMany({ where: { projectId }, orderBy: { lockedAt: "desc" } });
}

/** Blocks or locks whose items were retracted (ids are the items' cache ids). */
export async function deleteModerationItems(ids: readonly string[]): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.moderationBlock.deleteMany({ where: { id: { in: [...ids] } } }),
    db.threadLock.deleteMany({ where: { id: { in: [...ids] } } }),
  ]);
}

/** The moderation node of a project was purged or deleted. */
export async function deleteProjectModeration(projectId: string): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.moderationBlock.deleteMany({ where: { projectId } }),
    db.threadLock.deleteMany({ where: { projectId } }),
  ]);
}
