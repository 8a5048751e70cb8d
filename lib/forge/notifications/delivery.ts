import xml, { type Element } from "@xmpp/xml";
import { randomUUID } from "node:crypto";
import type { Notification } from "@/lib/generated/prisma/client";
import type { XmppSession } from "@/lib/xmpp/session";
import { config } from "@/lib/config";
import {
  deliverySettings,
  markMessaged,
  unmessaged,
  usersWithUnmessaged,
} from "@/lib/cache/notifications";
import { connectedInstance } from "@/lib/forge/federation/instance-account";
import {
  everyTickWhileHoldingInstance,
  holdsInstance,
} from "@/lib/forge/federation/instance-duties";
import { DeliveryScheduler } from "./scheduler";
import { composeMessage } from "./message";

/** Rows older than this are never sent: a message about last week helps nobody. */
const SEND_WITHIN_MS = 60 * 60 * 1000;
/** How often the holder looks for rows nobody scheduled (written by another process). */
const SWEEP_EVERY_MS = 30_000;

const globalForDelivery = globalThis as unknown as {
  pubforgeDelivery?: DeliveryScheduler;
  pubforgeDeliverySweep?: NodeJS.Timeout;
};

function scheduler(): DeliveryScheduler {
  globalForDelivery.pubforgeDelivery ??= new DeliveryScheduler(
    config().PUBFORGE_NOTIFY_BATCH_MS,
    sendWaiting,
  );
  return globalForDelivery.pubforgeDelivery;
}

/** A user has new rows: their message goes out when the batch window closes. */
export function scheduleDelivery(userJid: string): void {
  // Only the process holding the instance sends (one message, whichever process wrote rows).
  if (holdsInstance()) scheduler().schedule(userJid);
}

/** Sends what waits for one user as one message; true when a message went out. */
async function sendWaiting(userJid: string): Promise<boolean> {
  const session = connectedInstance();
  if (!session || !holdsInstance()) return false; // the sweep tries again
  return deliverWaiting(session, userJid);
}

/**
 * What waits for one user, as one message through `sender` (the instance session; the
 * notify-fanout benchmark's own). Rows of a user who turned messages off since are marked and
 * stay in the inbox only.
 */
export async function deliverWaiting(
  sender: Pick<XmppSession, "send">,
  userJid: string,
): Promise<boolean> {
  const rows = await unmessaged(userJid, new Date(Date.now() - SEND_WITHIN_MS));
  if (!rows.length) return false;
  const ids = rows.map((row) => row.id);
  if (!(await deliverySettings(userJid)).xmpp) {
    await markMessaged(ids);
    return false;
  }
  await sender.send(notificationMessage(userJid, rows));
  await markMessaged(ids);
  return true;
}

/**
 * A `chat` message, not a `headline`: servers store chat messages for an offline user and in
 * their archive (MAM), and Conversations, Gajim and Dino show them as a conversation with the
 * instance account, with a notification; a headline is dropped when no client is online
 * (RFC 6121 §5.2.2) and Conversations shows none.
 */
export function notificationMessage(userJid: string, rows: readonly Notification[]): Element {
  return xml(
    "message",
    { type: "chat", to: userJid, id: `notify-${randomUUID()}` },
    xml("body", {}, composeMessage(rows, publicOrigin())),
    // Do not echo it back into the instance's own other sessions' archives as a conversation.
    xml("no-copy", { xmlns: "urn:xmpp:hints" }),
  );
}

/** Links in messages are absolute: the configured origin, else this server's own address. */
function publicOrigin(): string {
  const configured = config().PUBFORGE_PUBLIC_ORIGIN;
  return (configured ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** Sends, every 30 s in the holder, what another process wrote and nobody scheduled. */
export function startNotificationSweep(): void {
  globalForDelivery.pubforgeDeliverySweep ??= everyTickWhileHoldingInstance(
    SWEEP_EVERY_MS,
    async () => {
      const since = new Date(Date.now() - SEND_WITHIN_MS);
      for (const userJid of await usersWithUnmessaged(since)) scheduler().schedule(userJid);
    },
    "sending waiting notifications",
  );
}
