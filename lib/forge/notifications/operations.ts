import { z } from "zod";
import {
  deliverySettings,
  inbox,
  inboxProjects,
  markRead,
  saveDeliverySettings,
  setWatch,
  unreadCount,
  watchStateOf,
  type DeliverySettings,
  type InboxFilter,
} from "@/lib/cache/notifications";
import { findMergeRequest } from "@/lib/cache/merge-requests";
import { findProject } from "@/lib/cache/projects";
import { findTicket } from "@/lib/cache/tickets";
import { inboxBus } from "@/lib/events/inbox-bus";
import { ForgeError } from "@/lib/forge/errors";
import { canViewProject } from "@/lib/forge/projects/access";
import type { Viewer } from "@/lib/forge/viewer";
import { NOTIFICATION_KINDS } from "./derive";

// What a signed-in person does with their notifications: watch, read, choose delivery.

const me = (viewer: Viewer) => viewer.jid.toLowerCase();

const WatchForm = z.object({
  target: z.string().min(1).max(2000),
  watch: z.enum(["on", "off"]),
});

/**
 * Watches or unwatches a project (its id) or a ticket or merge request (its cache id), which
 * the viewer must be able to read. Unwatching is remembered: taking part does not watch again.
 */
export async function setWatching(viewer: Viewer, input: unknown): Promise<boolean> {
  const { target, watch } = WatchForm.parse(input);
  const projectId = await projectOfTarget(target);
  if (!projectId || !(await canViewProject(projectId, viewer))) {
    throw new ForgeError("item-gone", { item: "ticket", where: "cache" });
  }
  await setWatch(
    me(viewer),
    { targetId: target, projectId },
    watch === "on" ? "watching" : "ignoring",
  );
  return watch === "on";
}

async function projectOfTarget(target: string): Promise<string | undefined> {
  const item = (await findTicket(target)) ?? (await findMergeRequest(target));
  if (item) return item.projectId;
  return (await findProject(target))?.id;
}

export async function isWatching(viewer: Viewer, target: string): Promise<boolean> {
  return (await watchStateOf(me(viewer), target)) === "watching";
}

const InboxQuery = z.object({
  unread: z.enum(["1"]).optional(),
  kind: z.enum(NOTIFICATION_KINDS).optional(),
  project: z.string().max(1000).optional(),
});

/** The inbox filter from a page's query (anything else is ignored, not refused). */
export function inboxFilter(query: Record<string, string | string[] | undefined>): InboxFilter {
  const single = (value: string | string[] | undefined) =>
    Array.isArray(value) ? value[0] : value || undefined;
  const parsed = InboxQuery.safeParse({
    unread: single(query.unread),
    kind: single(query.kind),
    project: single(query.project),
  });
  if (!parsed.success) return {};
  return {
    unreadOnly: parsed.data.unread === "1",
    kind: parsed.data.kind,
    projectId: parsed.data.project,
  };
}

export async function viewerInbox(viewer: Viewer, filter: InboxFilter) {
  const [rows, projects, unread] = await Promise.all([
    inbox(me(viewer), filter),
    inboxProjects(me(viewer)),
    unreadCount(me(viewer)),
  ]);
  return { rows, projects, unread };
}

export async function viewerUnread(viewer: Viewer): Promise<number> {
  return unreadCount(me(viewer));
}

const MarkForm = z.object({
  id: z.union([z.literal("all"), z.uuid()]),
  read: z.enum(["1", "0"]),
});

/** Marks one notification (or all) read or unread; the header's count follows, live. */
export async function markNotifications(viewer: Viewer, input: unknown): Promise<void> {
  const { id, read } = MarkForm.parse(input);
  await markRead(me(viewer), id === "all" ? "all" : [id], read === "1");
  inboxBus().publish(me(viewer), { unread: await unreadCount(me(viewer)) });
}

export async function viewerSettings(viewer: Viewer): Promise<DeliverySettings> {
  return deliverySettings(me(viewer));
}

const SettingsForm = z.object({
  inbox: z.enum(["on"]).optional(),
  xmpp: z.enum(["on"]).optional(),
});

/** Delivery on or off, for the inbox and for XMPP messages (checkboxes: absent is off). */
export async function saveSettings(viewer: Viewer, input: unknown): Promise<DeliverySettings> {
  const parsed = SettingsForm.parse(input);
  const settings = { inbox: parsed.inbox === "on", xmpp: parsed.xmpp === "on" };
  await saveDeliverySettings(me(viewer), settings);
  return settings;
}
