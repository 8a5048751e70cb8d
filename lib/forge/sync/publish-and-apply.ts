import xml, { type Element } from "@xmpp/xml";
import type { Viewer } from "@/lib/forge/viewer";
import { itemFromElement, publish } from "@/lib/xmpp/pubsub";
import { cloneElement } from "@/lib/xmpp/xml";
import { applyItems } from "./sync";

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
 */
export async function publishAndApply(
  viewer: Viewer,
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
  const item = xml("item", { id: itemId, publisher: viewer.jid }, cloneElement(payload));
  await applyItems(service, node, [itemFromElement(item)], { accessModel: options.accessModel });
  return itemId;
}
