import type { Project } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { instanceSession } from "@/lib/forge/federation/instance";
import { sessionVouchedFor } from "@/lib/forge/federation/trust";
import { projectNodes } from "@/lib/forge/nodes";
import type { Viewer } from "@/lib/forge/viewer";
import { bareJid } from "@/lib/xmpp/jid";
import { getAffiliations, getItems } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import { infoPublisher } from "./affiliations";

/** An answer is reused this long, so a project page does not ask the service every time. */
const ANSWER_TTL_MS = 60_000;
/** The latest merges looked at: whoever merged lately is a maintainer. */
const MERGES_READ = 20;

const answers = new WeakMap<XmppSession, Map<string, { maintainer: boolean; at: number }>>();

/**
 * Whether the project's service names the viewer among its owners or maintainers to a session
 * whose word counts (trust.ts), for what only they may start (a mirror on this instance):
 *
 * - the service tells the instance who published the items of the project's
 *   maintainers-only nodes (its info, its trackers' schemas, its merge log: publish model
 *   "publishers"), so each of those publishers is an owner or a maintainer;
 * - a viewer whose own server is believed about the service may read the info node's
 *   affiliations, which services tell owners only.
 */
export async function isReportedMaintainer(viewer: Viewer, project: Project): Promise<boolean> {
  const known = answers.get(viewer.session)?.get(project.id);
  if (known && Date.now() - known.at < ANSWER_TTL_MS) return known.maintainer;
  const maintainer =
    infoPublisher(project) === viewer.jid.toLowerCase() ||
    (await ownerByOwnSession(viewer, project)) ||
    (await publishedMaintainersOnly(viewer, project));
  const perSession = answers.get(viewer.session) ?? new Map();
  perSession.set(project.id, { maintainer, at: Date.now() });
  answers.set(viewer.session, perSession);
  return maintainer;
}

async function ownerByOwnSession(viewer: Viewer, project: Project): Promise<boolean> {
  if (!sessionVouchedFor(viewer.jid, project.service, config().PUBFORGE_INSTANCE_JID)) return false;
  const affiliations = await getAffiliations(
    viewer.session,
    project.service,
    projectNodes(project.slug).info,
  ).catch(() => ({}) as Record<string, string>);
  return Object.entries(affiliations).some(
    ([jid, affiliation]) => bareJid(jid) === viewer.jid && affiliation === "owner",
  );
}

async function publishedMaintainersOnly(viewer: Viewer, project: Project): Promise<boolean> {
  const instance = await instanceSession();
  if (!instance) return false;
  const nodes = projectNodes(project.slug);
  const reads = [
    [nodes.info, undefined],
    [nodes.ticketsSchema, undefined],
    [nodes.mergeRequestsSchema, undefined],
    [nodes.merges, MERGES_READ],
  ] as const;
  const items = await Promise.all(
    reads.map(([node, maxItems]) =>
      getItems(instance, project.service, node, { maxItems }).catch(() => []),
    ),
  );
  return items.flat().some((item) => bareJid(item.publisher) === viewer.jid);
}
