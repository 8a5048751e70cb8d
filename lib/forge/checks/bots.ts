import { z } from "zod";
import { deleteChecksPublishedBy } from "@/lib/cache/checks";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { followProjectNode } from "@/lib/forge/federation/instance";
import { createOwnedNode } from "@/lib/forge/node-creation";
import { projectNodes } from "@/lib/forge/nodes";
import { loadProject } from "@/lib/forge/projects/load-project";
import { affiliationMap, MAINTAINER_AFFILIATIONS } from "@/lib/forge/projects/affiliations";
import { isFailure } from "@/lib/xmpp/errors";
import { BareJidSchema } from "@/lib/xmpp/jid";
import { getAffiliations, type NodeConfig, setAffiliations } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import { forgetCheckPublishers } from "./publishers";

/** Read like the project; only its owners and the bots they allow publish. */
function checksNodeConfig(access: string): NodeConfig {
  return {
    "pubsub#access_model": access,
    "pubsub#publish_model": "publishers",
    "pubsub#persist_items": "1",
    "pubsub#deliver_payloads": "1",
    "pubsub#notify_retract": "1",
    "pubsub#max_items": "max",
  };
}

/** Creates `forge/<slug>/checks`, owned by `owner` (a new project, or its first bot). */
export async function createChecksNode(
  owner: XmppSession,
  service: string,
  slug: string,
  access: string,
): Promise<void> {
  await createOwnedNode(owner, service, projectNodes(slug).checks, checksNodeConfig(access)).catch(
    (error: unknown) => {
      if (!isFailure(error, "conflict")) throw error;
    },
  );
}

export const CiBotFormSchema = z.object({ jid: BareJidSchema });

/**
 * The project's CI bots: the checks node's publishers who are not its maintainers, as its
 * service tells the viewer (only owners may ask; anyone else gets undefined). A project made
 * before checks has none.
 */
export async function listCiBots(viewer: Viewer, projectId: string): Promise<string[] | undefined> {
  const project = await loadProject(projectId);
  const nodes = projectNodes(project.slug);
  try {
    const [checks, info] = await Promise.all([
      getAffiliations(viewer.session, project.service, nodes.checks),
      getAffiliations(viewer.session, project.service, nodes.info),
    ]);
    const maintainers = affiliationMap(info);
    return [...affiliationMap(checks)]
      .filter(([jid, affiliation]) => {
        const maintainer = maintainers.get(jid);
        return (
          affiliation === "publisher" && !(maintainer && MAINTAINER_AFFILIATIONS.has(maintainer))
        );
      })
      .map(([jid]) => jid)
      .sort();
  } catch (error) {
    if (isFailure(error, "item-not-found")) return [];
    if (isFailure(error, "forbidden")) return undefined;
    throw error;
  }
}

/**
 * An owner lets a bot (any JID, on any server) publish checks: it becomes a publisher of the
 * checks node, which the service then enforces. Projects made before checks get the node now,
 * with the info node's affiliations (maintainers, members), and the instance follows it.
 */
export async function allowCiBot(viewer: Viewer, projectId: string, input: unknown): Promise<void> {
  const { jid } = CiBotFormSchema.parse(input);
  const project = await loadProject(projectId);
  const nodes = projectNodes(project.slug);
  const allow = () =>
    setAffiliations(viewer.session, project.service, nodes.checks, { [jid]: "publisher" });
  try {
    await allow();
  } catch (error) {
    if (isFailure(error, "forbidden")) throw new ForgeError("ci-bots-need-owner");
    if (!isFailure(error, "item-not-found")) throw error;
    // Only owners may list a node's affiliations: the service's answer is the ownership test.
    const affiliations = await getAffiliations(viewer.session, project.service, nodes.info).catch(
      () => undefined,
    );
    if (!affiliations) throw new ForgeError("ci-bots-need-owner");
    await createChecksNode(viewer.session, project.service, project.slug, project.accessModel);
    const others = Object.fromEntries(
      Object.entries(affiliations).filter(([other]) => other !== viewer.jid),
    );
    if (Object.keys(others).length > 0) {
      await setAffiliations(viewer.session, project.service, nodes.checks, others);
    }
    await allow();
    if (project.followed) await followProjectNode(project.service, nodes.checks);
  }
  forgetCheckPublishers(project.id);
}

/** An owner removes a bot: the service refuses its next check, and its old ones stop counting. */
export async function removeCiBot(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<void> {
  const { jid } = CiBotFormSchema.parse(input);
  const project = await loadProject(projectId);
  await setAffiliations(viewer.session, project.service, projectNodes(project.slug).checks, {
    [jid]: "none",
  }).catch((error: unknown) => {
    if (isFailure(error, "forbidden")) throw new ForgeError("ci-bots-need-owner");
    throw error;
  });
  forgetCheckPublishers(project.id);
  await deleteChecksPublishedBy(project.id, jid);
}
