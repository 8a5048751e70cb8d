import { createNode, setAffiliations, type NodeConfig } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import { instanceSession, isManagedService } from "./instance";

/**
 * Creates a node with `owner` as its owner. On the instance's own pubsub service the instance
 * account creates it (Prosody lets only admins create nodes) and hands ownership over; on any
 * other service the owner creates it with their own session.
 */
export async function createOwnedNode(
  owner: XmppSession,
  service: string,
  node: string,
  nodeConfig: NodeConfig,
): Promise<void> {
  const instance = isManagedService(service) ? await instanceSession() : undefined;
  if (!instance) {
    await createNode(owner, service, node, nodeConfig);
    return;
  }
  await createNode(instance, service, node, nodeConfig);
  await setAffiliations(instance, service, node, { [owner.jid]: "owner" });
}

/** The XEP-0277 comments node of a new ticket or merge request: anyone who can read may comment. */
export async function createCommentsNode(
  owner: XmppSession,
  service: string,
  node: string,
  accessModel: string,
): Promise<void> {
  await createOwnedNode(owner, service, node, {
    "pubsub#access_model": accessModel,
    "pubsub#publish_model": "open",
    "pubsub#persist_items": "1",
    "pubsub#max_items": "max",
    "pubsub#notify_retract": "1",
  });
}
