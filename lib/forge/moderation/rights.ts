import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { instanceSession, isManagedService } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { homeCommentsNodes } from "@/lib/forge/projects/comments-nodes";
import { isFailure } from "@/lib/xmpp/errors";
import { type Affiliation, getAffiliations, getNodeConfig } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";

/** Where a project lives, as moderation needs it. */
export interface ModeratedProject {
  id: string;
  service: string;
  slug: string;
  accessModel: string;
}

/** A maintainer holds one of these on the project's info node. */
const MAINTAINER: ReadonlySet<Affiliation> = new Set(["owner", "publisher"]);

/**
 * The affiliations of the project's info node as its service tells the instance, an admin of
 * its own service: the only answer the instance lends its rights on. Undefined for projects
 * elsewhere (or while the instance is away).
 */
export async function affiliationsByService(
  project: ModeratedProject,
): Promise<Record<string, Affiliation> | undefined> {
  if (!isManagedService(project.service)) return undefined;
  const instance = await instanceSession();
  if (!instance) return undefined;
  return getAffiliations(instance, project.service, projectNodes(project.slug).info);
}

export function maintainersOf(affiliations: Record<string, Affiliation>): string[] {
  return Object.entries(affiliations)
    .filter(([, affiliation]) => MAINTAINER.has(affiliation))
    .map(([jid]) => jid);
}

const ANSWER_TTL_MS = 15_000;
const answers = new WeakMap<XmppSession, Map<string, { maintainer: boolean; at: number }>>();

/**
 * Whether the service counts the viewer as a maintainer (owner or publisher) of the project:
 * on the instance's own service as it tells the instance; elsewhere by whether it lets the
 * viewer read the info node's configuration, which Prosody allows owners and publishers only.
 * The second answer comes through the viewer's own server, so it decides only what the viewer
 * is shown and what Pubforge refuses early; the service still judges each request.
 */
export async function isMaintainer(viewer: Viewer, project: ModeratedProject): Promise<boolean> {
  const known = answers.get(viewer.session)?.get(project.id);
  if (known && Date.now() - known.at < ANSWER_TTL_MS) return known.maintainer;
  const maintainer = await askService(viewer, project);
  const perSession = answers.get(viewer.session) ?? new Map();
  perSession.set(project.id, { maintainer, at: Date.now() });
  answers.set(viewer.session, perSession);
  return maintainer;
}

async function askService(viewer: Viewer, project: ModeratedProject): Promise<boolean> {
  const affiliations = await affiliationsByService(project).catch(() => undefined);
  if (affiliations) return maintainersOf(affiliations).includes(viewer.jid);
  if (isManagedService(project.service)) return false;
  return getNodeConfig(viewer.session, project.service, projectNodes(project.slug).info).then(
    () => true,
    (error: unknown) => {
      if (!isFailure(error, "forbidden", "not-authorized", "item-not-found")) {
        console.warn(`[moderation] ${viewer.jid} on ${project.id}: ${(error as Error).message}`);
      }
      return false;
    },
  );
}

export async function requireMaintainer(viewer: Viewer, project: ModeratedProject): Promise<void> {
  if (!(await isMaintainer(viewer, project))) throw new ForgeError("moderators-only");
}

/** Who does one request for a maintainer (see `moderatorFor`). */
export interface Moderator {
  act<T>(service: string, node: string, work: (actor: Viewer) => Promise<T>): Promise<T>;
}

/**
 * Acts for a maintainer: with their own session first. Where the service refuses it (the
 * comments node of someone else's ticket belongs to that person), and only on the instance's
 * own service, the instance acts with its admin rights, for a node of the project's own layout
 * (its named nodes and the threads of its cached items there, never any other node) and a
 * requester that service names to the instance as owner or publisher: no confused deputy.
 */
export function moderatorFor(viewer: Viewer, project: ModeratedProject): Moderator {
  let layout: Promise<Set<string>> | undefined;
  let lender: Promise<Viewer | undefined> | undefined;
  const instanceFor = async (service: string, node: string): Promise<Viewer | undefined> => {
    if (service !== project.service || !isManagedService(service)) return undefined;
    layout ??= homeCommentsNodes(project).then(
      (threads) => new Set([...Object.values(projectNodes(project.slug)), ...threads]),
    );
    if (!(await layout).has(node)) return undefined;
    lender ??= confirmedLender(viewer, project);
    return lender;
  };
  return {
    async act(service, node, work) {
      try {
        return await work(viewer);
      } catch (error) {
        if (!isFailure(error, "forbidden")) throw error;
        const instance = await instanceFor(service, node);
        if (!instance) throw error;
        return work(instance);
      }
    },
  };
}

async function confirmedLender(
  viewer: Viewer,
  project: ModeratedProject,
): Promise<Viewer | undefined> {
  const instance = await instanceSession();
  const affiliations = await affiliationsByService(project);
  if (!instance || !affiliations) return undefined;
  if (!maintainersOf(affiliations).includes(viewer.jid)) throw new ForgeError("moderators-only");
  return { jid: instance.jid, session: instance };
}
