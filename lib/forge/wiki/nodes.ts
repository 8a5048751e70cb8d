import type { NodeConfig } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import { createOwnedNode } from "@/lib/forge/node-creation";
import { projectNodes } from "@/lib/forge/nodes";

/**
 * Node configuration of a project's wiki and wiki history. Both are open to publishing, as a
 * wiki is: anyone who may read the project may edit a page, and an edit also publishes its
 * revision to the history. So the service cannot make history items immutable; Pubforge does:
 * it never publishes over an existing history item (it reads the next revision's id first), and
 * the cache marks any revision whose publisher is not the author it names, or that changes
 * after it was first seen (wiki/sync.ts, lib/cache/wiki.ts).
 */
export function wikiNodeConfig(access: string): NodeConfig {
  return {
    "pubsub#access_model": access,
    "pubsub#publish_model": "open",
    "pubsub#persist_items": "1",
    "pubsub#deliver_payloads": "1",
    "pubsub#notify_retract": "1",
    "pubsub#max_items": "max",
  };
}

/** Creates `forge/<slug>/wiki` and `forge/<slug>/wiki-history`, owned by `owner`. */
export async function createWikiNodes(
  owner: XmppSession,
  service: string,
  slug: string,
  access: string,
): Promise<void> {
  const nodes = projectNodes(slug);
  await createOwnedNode(owner, service, nodes.wiki, wikiNodeConfig(access));
  await createOwnedNode(owner, service, nodes.wikiHistory, wikiNodeConfig(access));
}
