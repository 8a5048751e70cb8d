import xml, { type Element } from "@xmpp/xml";
import type { Actor } from "@/lib/forge/viewer";
import { config } from "@/lib/config";
import { instanceSession } from "@/lib/forge/federation/instance";
import { sessionVouchedFor } from "@/lib/forge/federation/trust";
import { isFailure } from "@/lib/xmpp/errors";
import { getItems, itemFromElement, publish, retract } from "@/lib/xmpp/pubsub";
import { cloneElement } from "@/lib/xmpp/xml";
import { applyItems, applyRetractions } from "./sync";

export interface PublishOptions {
  /** The item id; absent, the service picks one. */
  itemId?: string;
  /** See applyItems: a new project's access model, before its service reports it. */
  accessModel?: string;
  /**
   * Called when the publish fails: true when it removed the cause (created a missing node),
   * so the publish is tried once more.
   */
  repaired?: (error: unknown) => Promise<boolean>;
}

/**
 * Publishes an item as the viewer, then caches it as the service will report it, so the
 * viewer's next page shows it without waiting for the notification. Returns the item's id.
 * The local copy is trusted only where the viewer's server is believed about the service
 * (federation/trust.ts); otherwise the instance reads the item back.
 */
export async function publishAndApply(
  viewer: Actor,
  service: string,
  node: string,
  payload: Element,
  options: PublishOptions = {},
): Promise<string> {
  // An element belongs to one parent: the stanza and the cached item each get their own copy,
  // and the caller's payload stays theirs.
  const send = () =>
    publish(viewer.session, service, node, cloneElement(payload), { id: options.itemId });
  const assigned = await send().catch(async (error: unknown) => {
    if (!(await options.repaired?.(error))) throw error;
    return send();
  });
  const itemId = options.itemId ?? assigned;
  if (sessionVouchedFor(viewer.jid, service, config().PUBFORGE_INSTANCE_JID)) {
    const item = xml("item", { id: itemId, publisher: viewer.jid }, cloneElement(payload));
    await applyItems(service, node, [itemFromElement(item)], { accessModel: options.accessModel });
  } else {
    await applyAsInstanceReadsIt(service, node, itemId);
  }
  return itemId;
}

/**
 * The viewer's own server reported the publish, and it may have made that up: the instance
 * reads the item back from the service, so the shared cache holds only what the service holds.
 * Where the instance may not read (or is away), the service's notification fills the cache.
 */
async function applyAsInstanceReadsIt(service: string, node: string, itemId: string) {
  const instance = await instanceSession();
  if (!instance) return;
  const items = await getItems(instance, service, node, { ids: [itemId] }).catch(
    (error: unknown) => {
      if (isFailure(error, "forbidden", "item-not-found")) return [];
      throw error;
    },
  );
  const published = items.filter((item) => item.id === itemId);
  if (published.length > 0) await applyItems(service, node, published);
}

/**
 * Retracts an item as the viewer (with notify, so every follower drops it), then drops it from
 * the cache: at once where the viewer's server is believed about the service, otherwise once the
 * instance finds the item gone from the service (or when the notification arrives).
 */
export async function retractAndApply(
  viewer: Actor,
  service: string,
  node: string,
  itemId: string,
): Promise<void> {
  await retract(viewer.session, service, node, itemId);
  if (sessionVouchedFor(viewer.jid, service, config().PUBFORGE_INSTANCE_JID)) {
    await applyRetractions(service, node, [itemId]);
    return;
  }
  const instance = await instanceSession();
  if (!instance) return;
  // Where the instance may not read, the service's notification updates the cache instead.
  const left = await getItems(instance, service, node, { ids: [itemId] }).catch(
    (error: unknown) => {
      if (isFailure(error, "item-not-found")) return [];
      if (isFailure(error, "forbidden")) return undefined;
      throw error;
    },
  );
  if (left && !left.some((item) => item.id === itemId)) {
    await applyRetractions(service, node, [itemId]);
  }
}
