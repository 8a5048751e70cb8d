import {
  insertNotifications,
  knownUsers,
  settingsOf,
  unreadCount,
  watchersOf,
  watchUnlessDecided,
} from "@/lib/cache/notifications";
import { inboxBus } from "@/lib/events/inbox-bus";
import { splitJid } from "@/lib/xmpp/jid";
import { instanceJid } from "@/lib/forge/federation/instance-account";
import { type AppliedItem, type DerivedEvent, deriveEvents, recipientsPerEvent } from "./derive";
import { scheduleDelivery } from "./delivery";
import { mayRead } from "./readers";

/**
 * Items dated longer ago than this notify nobody: a project followed anew, or a cache rebuilt,
 * brings its whole history as "new". The date is the writer's, so a writer can only silence
 * their own item this way.
 */
export const NOTIFY_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export const instanceDomain = (): string => splitJid(instanceJid()).domain.toLowerCase();

/**
 * Tells this instance's users what the sync just applied: derives the events (derive.ts), lets
 * authors, commenters and assignees watch, and writes one inbox row per user and event, for
 * those who watch or were named, may read the project and are not the actor. Called by the
 * syncs with what they cached for the first time; never throws into them.
 */
export async function notifyApplied(items: readonly (AppliedItem & { dated: Date })[]) {
  const fresh = items.filter((item) => Date.now() - item.dated.getTime() < NOTIFY_MAX_AGE_MS);
  if (!fresh.length) return;
  try {
    const domain = instanceDomain();
    const touched = new Set<string>();
    for (const item of fresh) {
      for (const jid of await notifyOne(item, domain)) touched.add(jid);
    }
    await announce([...touched]);
  } catch (error) {
    console.error("[notifications] could not notify:", error);
  }
}

const lowerCase = (jids: readonly string[]) => jids.map((jid) => jid.toLowerCase());

async function notifyOne(item: AppliedItem, domain: string): Promise<string[]> {
  const events = deriveEvents(item, domain);
  // Only users who signed in here: others are strangers to this instance (or told by theirs).
  for (const event of events) {
    const autoWatch = await knownUsers(lowerCase(event.autoWatch));
    if (autoWatch.size) {
      await watchUnlessDecided([...autoWatch], {
        targetId: event.targetId,
        projectId: item.projectId,
      });
    }
  }
  const candidates = new Map<DerivedEvent, string[]>();
  for (const event of events) {
    const watchers = event.watchedTargets.length ? await watchersOf(event.watchedTargets) : [];
    const named = await knownUsers(lowerCase(event.direct));
    candidates.set(event, [...watchers, ...named]);
  }
  const readers = await mayRead(item.projectId, [...candidates.values()].flat());
  const perEvent = recipientsPerEvent(events, (event) =>
    (candidates.get(event) ?? []).filter((jid) => readers.has(jid.toLowerCase())),
  );
  const users = [...new Set([...perEvent.values()].flat())];
  const settings = await settingsOf(users);
  const rows = [...perEvent].flatMap(([event, jids]) =>
    jids.map((userJid) => ({
      userJid,
      eventKey: event.eventKey,
      kind: event.kind,
      projectId: event.projectId,
      targetId: event.targetId,
      actor: event.actor,
      summary: event.summary,
      path: event.path,
      settings: settings.get(userJid) ?? { inbox: true, xmpp: true },
    })),
  );
  return insertNotifications(rows);
}

/** New unread counts to the users' open tabs, and their XMPP messages on their way. */
async function announce(users: readonly string[]): Promise<void> {
  for (const userJid of users) {
    if (inboxBus().mayBeListening(userJid)) {
      inboxBus().publish(userJid, { unread: await unreadCount(userJid) });
    }
    scheduleDelivery(userJid);
  }
}
