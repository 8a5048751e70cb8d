import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { createOwnedNode } from "@/lib/forge/node-creation";
import { projectNodes } from "@/lib/forge/nodes";
import { isFailure } from "@/lib/xmpp/errors";
import { getAffiliations, type NodeConfig, setAffiliations } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import type { ModeratedProject } from "./rights";

/**
 * The moderation node is read like the project (every instance that shows the project hides
 * what its blocks hide); the log only by the project's affiliates. Maintainers publish both.
 */
function moderationNodeConfigs(access: string): { moderation: NodeConfig; log: NodeConfig } {
  const common = {
    "pubsub#publish_model": "publishers",
    "pubsub#persist_items": "1",
    "pubsub#deliver_payloads": "1",
    "pubsub#notify_retract": "1",
    "pubsub#max_items": "max",
  };
  return {
    moderation: { ...common, "pubsub#access_model": access },
    log: { ...common, "pubsub#access_model": "whitelist" },
  };
}

/** Creates `forge/<slug>/moderation` and `forge/<slug>/moderation-log`, owned by `owner`. */
export async function createModerationNodes(
  owner: XmppSession,
  service: string,
  slug: string,
  access: string,
): Promise<void> {
  const nodes = projectNodes(slug);
  const configs = moderationNodeConfigs(access);
  for (const [node, config] of [
    [nodes.moderation, configs.moderation],
    [nodes.moderationLog, configs.log],
  ] as const) {
    await createOwnedNode(owner, service, node, config).catch((error: unknown) => {
      if (!isFailure(error, "conflict")) throw error;
    });
  }
}

/**
 * Projects made before moderation lack its nodes: an owner's first moderation creates them and
 * gives them the info node's affiliations (maintainers, members, outcasts). Anyone else is told
 * to ask an owner, since the nodes would otherwise be theirs.
 */
export async function createdMissingModerationNodes(
  viewer: Viewer,
  project: ModeratedProject,
  error: unknown,
): Promise<boolean> {
  if (!isFailure(error, "item-not-found")) return false;
  const nodes = projectNodes(project.slug);
  // Only owners may list a node's affiliations: the service's answer is the ownership test.
  const affiliations = await getAffiliations(viewer.session, project.service, nodes.info).catch(
    () => undefined,
  );
  if (!affiliations) throw new ForgeError("no-moderation-nodes");
  await createModerationNodes(viewer.session, project.service, project.slug, project.accessModel);
  const others = Object.fromEntries(
    Object.entries(affiliations).filter(([jid]) => jid !== viewer.jid),
  );
  if (Object.keys(others).length === 0) return true;
  for (const node of [nodes.moderation, nodes.moderationLog]) {
    await setAffiliations(viewer.session, project.service, node, others);
  }
  return true;
}
