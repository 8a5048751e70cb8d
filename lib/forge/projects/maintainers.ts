import { config } from "@/lib/config";
import { instanceSession, isManagedService } from "@/lib/forge/federation/instance";
import { sessionVouchedFor } from "@/lib/forge/federation/trust";
import { projectNodes } from "@/lib/forge/nodes";
import type { Viewer } from "@/lib/forge/viewer";
import { isFailure } from "@/lib/xmpp/errors";
import { bareJid } from "@/lib/xmpp/jid";
import { type Affiliation, getItems, getNodeConfig } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import {
  infoPublisher,
  maintainersOf,
  projectMaintainers,
  type ProjectRef,
  readProjectAffiliations,
} from "./affiliations";

/**
 * Whose word Pubforge takes that the viewer maintains (owns or publishes to) a project. Each
 * caller names one, by what the answer unlocks:
 *
 * - `instance-then-viewer-session`: on the instance's own service, the affiliations the service
 *   lists to the instance, and nothing else (false while the instance cannot ask). Elsewhere the
 *   viewer's own session: whether the service lets it read the info node's configuration, which
 *   Prosody allows owners and publishers only. That answer passes through the viewer's own
 *   server, which can forge it, so it decides only what the viewer is shown and what Pubforge
 *   refuses early; the service judges each request, and the instance lends its rights only on
 *   its own reading (moderation's `moderatorFor`).
 * - `instance-then-info-publisher`: the list the overwrite flag judges by
 *   (`projectMaintainers`): the service's, read by the instance on its own service; elsewhere,
 *   or while the instance cannot ask, whoever published the project's info item as the service
 *   reported it to the instance. The viewer's session is never asked.
 * - `trusted-readings`: for what only maintainers may start on this instance (a mirror, push
 *   mirrors): the info item's publisher; the publishers of the project's maintainers-only nodes
 *   (info, tracker schemas, merge log: publish model "publishers") as the instance reads them;
 *   or an owner in the info node's affiliations read by the viewer's own session, only where
 *   its server could not lie about the service (`sessionVouchedFor`).
 */
export type MaintainerWitness =
  "instance-then-viewer-session" | "instance-then-info-publisher" | "trusted-readings";

/** Where a project lives: all the viewer-session witness needs (the others read its info item). */
export type ProjectAddress = Omit<ProjectRef, "rawXml">;

interface Witness {
  ask(viewer: Viewer, project: ProjectRef): Promise<boolean>;
  /** How long an answer is reused for the same session and project (0: asked every time). */
  reuseMs: number;
}

/** The latest merges looked at: whoever merged lately is a maintainer. */
const MERGES_READ = 20;

const WITNESSES: Record<MaintainerWitness, Witness> = {
  // Moderation controls are on every project page: a short reuse keeps pages from asking.
  "instance-then-viewer-session": { ask: instanceThenViewerSession, reuseMs: 15_000 },
  // The flag's list has its own short reuse per project (`projectAffiliations`).
  "instance-then-info-publisher": { ask: instanceThenInfoPublisher, reuseMs: 0 },
  // Up to five requests for the project page's mirror control: reused a minute.
  "trusted-readings": { ask: trustedReadings, reuseMs: 60_000 },
};

/**
 * The affiliations of the project's info node as its service tells the instance, an admin of
 * its own service: the only answer the instance lends its rights on. Undefined for projects
 * elsewhere (or while the instance is away); the service's refusals are thrown.
 */
export async function affiliationsByService(
  project: Pick<ProjectRef, "service" | "slug">,
): Promise<ReadonlyMap<string, Affiliation> | undefined> {
  if (!isManagedService(project.service)) return undefined;
  const instance = await instanceSession();
  if (!instance) return undefined;
  return readProjectAffiliations(project, instance);
}

/**
 * The same list where the instance cannot ask: as the service tells the viewer's own session
 * (empty when it will not), which the viewer's server may forge. Only for choices the service
 * judges again, such as whom a moderation request must spare.
 */
export async function affiliationsAsFarAsKnown(
  viewer: Viewer,
  project: Pick<ProjectRef, "service" | "slug">,
): Promise<ReadonlyMap<string, Affiliation>> {
  return (
    (await affiliationsByService(project)) ??
    (await readProjectAffiliations(project, viewer.session).catch(() => new Map()))
  );
}

const answers = new WeakMap<XmppSession, Map<string, { maintainer: boolean; at: number }>>();

/** Whether `witness` names the viewer as an owner or maintainer of the project. */
export function isProjectMaintainer(
  viewer: Viewer,
  project: ProjectAddress,
  witness: "instance-then-viewer-session",
): Promise<boolean>;
export function isProjectMaintainer(
  viewer: Viewer,
  project: ProjectRef,
  witness: MaintainerWitness,
): Promise<boolean>;
export async function isProjectMaintainer(
  viewer: Viewer,
  project: ProjectAddress | ProjectRef,
  witness: MaintainerWitness,
): Promise<boolean> {
  const { ask, reuseMs } = WITNESSES[witness];
  const key = `${witness} ${project.id}`;
  const known = answers.get(viewer.session)?.get(key);
  if (known && Date.now() - known.at < reuseMs) return known.maintainer;
  // The overloads give every witness but the first the info item it reads.
  const maintainer = await ask(viewer, project as ProjectRef);
  if (reuseMs > 0) {
    const perSession = answers.get(viewer.session) ?? new Map();
    perSession.set(key, { maintainer, at: Date.now() });
    answers.set(viewer.session, perSession);
  }
  return maintainer;
}

async function instanceThenViewerSession(
  viewer: Viewer,
  project: ProjectAddress,
): Promise<boolean> {
  const affiliations = await affiliationsByService(project).catch(() => undefined);
  if (affiliations) return maintainersOf(affiliations).includes(viewer.jid.toLowerCase());
  if (isManagedService(project.service)) return false;
  return getNodeConfig(viewer.session, project.service, projectNodes(project.slug).info).then(
    () => true,
    (error: unknown) => {
      if (!isFailure(error, "forbidden", "not-authorized", "item-not-found")) {
        console.warn(`[maintainers] ${viewer.jid} on ${project.id}: ${(error as Error).message}`);
      }
      return false;
    },
  );
}

async function instanceThenInfoPublisher(viewer: Viewer, project: ProjectRef): Promise<boolean> {
  const maintainers = await projectMaintainers(project, await instanceSession());
  return maintainers.has(viewer.jid.toLowerCase());
}

async function trustedReadings(viewer: Viewer, project: ProjectRef): Promise<boolean> {
  return (
    infoPublisher(project) === viewer.jid.toLowerCase() ||
    (await ownerByVouchedSession(viewer, project)) ||
    (await publisherOfMaintainersOnlyNodes(viewer, project))
  );
}

async function ownerByVouchedSession(viewer: Viewer, project: ProjectAddress): Promise<boolean> {
  if (!sessionVouchedFor(viewer.jid, project.service, config().PUBFORGE_INSTANCE_JID)) return false;
  const affiliations = await readProjectAffiliations(project, viewer.session).catch(
    () => new Map<string, Affiliation>(),
  );
  return affiliations.get(viewer.jid.toLowerCase()) === "owner";
}

async function publisherOfMaintainersOnlyNodes(
  viewer: Viewer,
  project: ProjectRef,
): Promise<boolean> {
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
