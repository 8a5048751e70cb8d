import { randomUUID } from "node:crypto";
import type { Notification } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

// Not a cache of pubsub: who watches what, delivery choices and the inbox of this instance's
// users (see prisma/schema.prisma). A cache rebuild keeps them.

export type WatchState = "watching" | "ignoring";

export async function setWatch(
  userJid: string,
  target: { targetId: string; projectId: string },
  state: WatchState,
): Promise<void> {
  const db = await getDb();
  await db.watch.upsert({
    where: { userJid_targetId: { userJid, targetId: target.targetId } },
    create: { userJid, ...target, state },
    update: { state },
  });
}

/** Watches for those who do not watch or ignore the target yet (taking part watches it). */
export async function watchUnlessDecided(
  userJids: readonly string[],
  target: { targetId: string; projectId: string },
): Promise<void> {
  if (!userJids.length) return;
  const db = await getDb();
  const decided = await db.watch.findMany({
    where: { targetId: target.targetId, userJid: { in: [...userJids] } },
    select: { userJid: true },
  });
  const known = new Set(decided.map((row) => row.userJid));
  const fresh = [...new Set(userJids)].filter((jid) => !known.has(jid));
  if (!fresh.length) return;
  await createEach(
    fresh.map((userJid) => ({ userJid, ...target, state: "watching" })),
    (data) => db.watch.createMany({ data }),
  );
}

/**
 * Creates rows at once, or, when another writer inserted one of them meanwhile (a unique key
 * refuses the batch), one by one, skipping those already there. SQLite's Prisma client has no
 * `skipDuplicates`. Returns how many were created.
 */
async function createEach<T>(
  rows: T[],
  create: (rows: T[]) => Promise<{ count: number }>,
): Promise<number> {
  try {
    return (await create(rows)).count;
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    let count = 0;
    for (const row of rows) {
      count += await create([row]).then(
        (created) => created.count,
        (failure: { code?: string }) => {
          if (failure.code !== "P2002") throw failure;
          return 0;
        },
      );
    }
    return count;
  }
}

/** Rows per query: well under SQLite's limit on parameters (Prisma's is 999 per statement). */
const SLICE = 50;

function slices<T>(items: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / SLICE) }, (_, i) =>
    items.slice(i * SLICE, (i + 1) * SLICE),
  );
}

export async function watchStateOf(userJid: string, targetId: string): Promise<WatchState | null> {
  const db = await getDb();
  const row = await db.watch.findUnique({ where: { userJid_targetId: { userJid, targetId } } });
  return (row?.state as WatchState | undefined) ?? null;
}

/** Who watches any of the targets (and ignores none of them), each once. */
export async function watchersOf(targetIds: readonly string[]): Promise<string[]> {
  const db = await getDb();
  const rows = await db.watch.findMany({
    where: { targetId: { in: [...targetIds] } },
    select: { userJid: true, state: true },
  });
  const ignoring = new Set(rows.filter((row) => row.state === "ignoring").map((r) => r.userJid));
  return [...new Set(rows.map((row) => row.userJid))].filter((jid) => !ignoring.has(jid));
}

export interface DeliverySettings {
  inbox: boolean;
  xmpp: boolean;
}

export async function deliverySettings(userJid: string): Promise<DeliverySettings> {
  const db = await getDb();
  const row = await db.notificationSettings.findUnique({ where: { userJid } });
  return { inbox: row?.inbox ?? true, xmpp: row?.xmpp ?? true };
}

export async function saveDeliverySettings(
  userJid: string,
  settings: DeliverySettings,
): Promise<void> {
  const db = await getDb();
  await db.notificationSettings.upsert({
    where: { userJid },
    create: { userJid, ...settings },
    update: settings,
  });
}

/** Remembers a user who signed in here, so that `@name` finds them. */
export async function rememberUser(userJid: string): Promise<void> {
  const db = await getDb();
  await db.notificationSettings.upsert({ where: { userJid }, create: { userJid }, update: {} });
}

/** Which of these JIDs are users known here. */
export async function knownUsers(userJids: readonly string[]): Promise<Set<string>> {
  if (!userJids.length) return new Set();
  const db = await getDb();
  const rows = await db.notificationSettings.findMany({
    where: { userJid: { in: [...userJids] } },
    select: { userJid: true },
  });
  return new Set(rows.map((row) => row.userJid));
}

export async function settingsOf(
  userJids: readonly string[],
): Promise<Map<string, DeliverySettings>> {
  const db = await getDb();
  const rows = await db.notificationSettings.findMany({
    where: { userJid: { in: [...userJids] } },
  });
  return new Map(rows.map((row) => [row.userJid, { inbox: row.inbox, xmpp: row.xmpp }]));
}

export type NewNotification = Omit<
  Notification,
  "id" | "createdAt" | "readAt" | "messagedAt" | "inInbox"
> & { settings: DeliverySettings };

/**
 * Inserts the rows not there yet (one per user and event key, ever: the same item applied again,
 * from a notification, a refill or another process, adds nothing). Returns those inserted.
 */
export async function insertNotifications(rows: readonly NewNotification[]): Promise<string[]> {
  if (!rows.length) return [];
  const db = await getDb();
  // By event and in slices: one OR per row would pass SQLite's limit on query parameters.
  const seen = new Set<string>();
  const usersByEvent = new Map<string, string[]>();
  for (const { eventKey, userJid } of rows) {
    const users = usersByEvent.get(eventKey) ?? [];
    users.push(userJid);
    usersByEvent.set(eventKey, users);
  }
  for (const [eventKey, ofEvent] of usersByEvent) {
    for (const users of slices(ofEvent)) {
      const existing = await db.notification.findMany({
        where: { eventKey, userJid: { in: users } },
        select: { userJid: true },
      });
      for (const row of existing) seen.add(`${row.userJid} ${eventKey}`);
    }
  }
  const fresh = rows.filter((row) => !seen.has(`${row.userJid} ${row.eventKey}`));
  if (!fresh.length) return [];
  const now = new Date();
  // Another writer may insert the same key meanwhile: the unique key keeps one.
  let inserted = 0;
  for (const slice of slices(fresh)) {
    inserted += await createEach(
      slice.map(({ settings, ...row }) => ({
        ...row,
        id: randomUUID(),
        inInbox: settings.inbox,
        messagedAt: settings.xmpp ? null : now,
      })),
      (data) => db.notification.createMany({ data }),
    );
  }
  return inserted ? [...new Set(fresh.map((row) => row.userJid))] : [];
}

export interface InboxFilter {
  unreadOnly?: boolean;
  kind?: string;
  projectId?: string;
}

export async function inbox(
  userJid: string,
  filter: InboxFilter,
  take = 100,
): Promise<Notification[]> {
  const db = await getDb();
  const rows = await db.notification.findMany({
    where: {
      userJid,
      inInbox: true,
      ...(filter.unreadOnly ? { readAt: null } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.projectId ? { projectId: filter.projectId } : {}),
    },
    orderBy: { createdAt: "desc" },
    take,
  });
  // Unread first, each part newest first.
  return [...rows.filter((row) => !row.readAt), ...rows.filter((row) => row.readAt)];
}

export async function inboxProjects(userJid: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.notification.findMany({
    where: { userJid, inInbox: true },
    distinct: ["projectId"],
    select: { projectId: true },
  });
  return rows.map((row) => row.projectId).sort();
}

export async function unreadCount(userJid: string): Promise<number> {
  const db = await getDb();
  return db.notification.count({ where: { userJid, inInbox: true, readAt: null } });
}

/** Marks some (ids) or all of a user's rows read or unread; only the user's own. */
export async function markRead(
  userJid: string,
  ids: readonly string[] | "all",
  read: boolean,
): Promise<void> {
  const db = await getDb();
  await db.notification.updateMany({
    where: { userJid, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: read ? new Date() : null },
  });
}

/** A user's rows whose XMPP message has not gone out, oldest first, since `since`. */
export async function unmessaged(userJid: string, since: Date): Promise<Notification[]> {
  const db = await getDb();
  return db.notification.findMany({
    where: { userJid, messagedAt: null, createdAt: { gte: since } },
    orderBy: { createdAt: "asc" },
  });
}

/** Users with rows waiting for a message since `since`. */
export async function usersWithUnmessaged(since: Date): Promise<string[]> {
  const db = await getDb();
  const rows = await db.notification.findMany({
    where: { messagedAt: null, createdAt: { gte: since } },
    distinct: ["userJid"],
    select: { userJid: true },
  });
  return rows.map((row) => row.userJid);
}

export async function markMessaged(ids: readonly string[]): Promise<void> {
  const db = await getDb();
  await db.notification.updateMany({
    where: { id: { in: [...ids] } },
    data: { messagedAt: new Date() },
  });
}
