import { createNode, setAffiliations, type NodeConfig } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import { isFailure } from "@/lib/xmpp/errors";
import { instancePubsubService, instanceSession, isManagedService } from "./federation/instance";
import { newCommentsNode } from "./nodes";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";

/**
 * Every forge node names the publisher on its items: ejabberd does so only with
 * `pubsub#itemreply = publisher` (it then gives the full JID; readers take the bare one), Prosody
 * always (`expose_publisher`) and ignores the field. Without it an item's author could only be
 * taken from its payload, which anyone can write.
 */
const NAME_THE_PUBLISHER: NodeConfig = { "pubsub#itemreply": "publisher" };

/**
 * Creates a node with `owner` as its owner. On the instance's own pubsub service the instance
 * account creates it (Prosody lets only admins create nodes) and hands ownership over; on any
 * other service the owner creates it with their own session.
 */
export async function createOwnedNode(
  owner: XmppSession,
  service: string,
  node: string,
  config: NodeConfig,
): Promise<void> {
  const nodeConfig = { ...NAME_THE_PUBLISHER, ...config };
  const instance = isManagedService(service) ? await instanceSession() : undefined;
  if (!instance) {
    await createNode(owner, service, node, nodeConfig);
    return;
  }
  await createNode(instance, service, node, nodeConfig);
  await setAffiliations(instance, service, node, { [owner.jid]: "owner" });
}

const COMMENTS_NODE_CONFIG = {
  "pubsub#publish_model": "open",
  "pubsub#persist_items": "1",
  "pubsub#max_items": "max",
  "pubsub#notify_retract": "1",
};

/**
 * The XEP-0277 comments node of a new ticket or merge request (anyone who can read may
 * comment); returns its xmpp: URI. It goes on the project's service. Where that service lets
 * only its admins create nodes and the author is not local there (bob@b.test on pubsub.a.test
 * through the b.test instance), it goes on this instance's own service instead: the item's
 * comments_uri says where, as XEP-0277 allows. Members-only threads never move, since another
 * service would not know the project's members.
 */
export async function createCommentsNode(
  owner: XmppSession,
  service: string,
  trackerNode: string,
  accessModel: string,
): Promise<string> {
  const node = newCommentsNode(trackerNode);
  const nodeConfig = { ...COMMENTS_NODE_CONFIG, "pubsub#access_model": accessModel };
  try {
    await createOwnedNode(owner, service, node, nodeConfig);
    return formatXmppUri({ jid: service, node });
  } catch (error) {
    const fallback = instancePubsubService();
    if (!isFailure(error, "forbidden") || accessModel !== "open" || fallback === service)
      throw error;
    await createOwnedNode(owner, fallback, node, nodeConfig);
    return formatXmppUri({ jid: fallback, node });
  }
}
