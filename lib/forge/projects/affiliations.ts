import { bareJid } from "@/lib/xmpp/jid";
import { type Affiliation, getAffiliations, type IqRequester } from "@/lib/xmpp/pubsub";
import { parseXml } from "@/lib/xmpp/xml";
import { isManagedService } from "@/lib/forge/federation/instance-account";
import { projectNodes } from "@/lib/forge/nodes";

/** Affiliations that may read a members-only (whitelist) node: a project's members. */
export const MEMBER_AFFILIATIONS: ReadonlySet<Affiliation> = new Set([
  "owner",
  "publisher",
  "member",
]);

/** Affiliations of a project's maintainers (what setMaintainer grants besides membership). */
export const MAINTAINER_AFFILIATIONS: ReadonlySet<Affiliation> = new Set(["owner", "publisher"]);

export interface ProjectRef {
  id: string;
  service: string;
  slug: string;
  /** The info `<item>` as the service returned it. */
  rawXml: string;
}

/** A sync asks once per batch of items; a maintainer just added counts within this long. */
const ANSWER_TTL_MS = 10_000;
const answers = new Map<string, { affiliations: ReadonlyMap<string, Affiliation>; at: number }>();

/**
 * A project's affiliations (those of its info node, which setMaintainer changes with every
 * other node), bare JIDs in lower case, as the service tells the instance. Only on the
 * instance's own service, where it is an admin; undefined elsewhere (services tell only
 * owners) and whenever the instance cannot ask now.
 */
export async function projectAffiliations(
  project: ProjectRef,
  instance: IqRequester | undefined,
): Promise<ReadonlyMap<string, Affiliation> | undefined> {
  if (!instance || !isManagedService(project.service)) return undefined;
  const known = answers.get(project.id);
  if (known && Date.now() - known.at < ANSWER_TTL_MS) return known.affiliations;
  try {
    const affiliations = await readProjectAffiliations(project, instance);
    answers.set(project.id, { affiliations, at: Date.now() });
    return affiliations;
  } catch (error) {
    console.warn(`[affiliations] cannot read ${project.id}'s: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The same list asked afresh by `requester` (the instance, or a viewer's session where only the
 * viewer may ask), for decisions that keep their own answers; failures thrown.
 */
export async function readProjectAffiliations(
  project: Pick<ProjectRef, "service" | "slug">,
  requester: IqRequester,
): Promise<ReadonlyMap<string, Affiliation>> {
  return affiliationMap(
    await getAffiliations(requester, project.service, projectNodes(project.slug).info),
  );
}

/** A service's affiliation list keyed by bare JID in lower case, the way viewers are named. */
export function affiliationMap(
  listed: Record<string, Affiliation>,
): ReadonlyMap<string, Affiliation> {
  return new Map(
    Object.entries(listed).map(([jid, affiliation]) => [bareJid(jid).toLowerCase(), affiliation]),
  );
}

/** The owners and publishers among `affiliations`. */
export function maintainersOf(affiliations: ReadonlyMap<string, Affiliation>): string[] {
  return [...affiliations]
    .filter(([, affiliation]) => MAINTAINER_AFFILIATIONS.has(affiliation))
    .map(([jid]) => jid);
}

/** After a change of maintainers: the next question goes to the service. */
export function forgetAffiliations(projectId: string): void {
  answers.delete(projectId);
}

/**
 * Who published the project's info item, as its service reported it: an owner or publisher,
 * since only they may publish to the info node. "" when the service did not say.
 */
export function infoPublisher(project: Pick<ProjectRef, "rawXml">): string {
  try {
    return bareJid(String(parseXml(project.rawXml).attrs.publisher ?? "")).toLowerCase();
  } catch {
    return "";
  }
}

/**
 * A project's maintainers, lower-case bare JIDs. On the instance's own service: the owners
 * and publishers the service lists. Elsewhere, where nobody but an owner may ask, or when the
 * instance cannot ask now: the one who published the project's info, its owner as the service
 * reported it (fewer maintainers means more flags, never fewer).
 */
export async function projectMaintainers(
  project: ProjectRef,
  instance: IqRequester | undefined,
): Promise<Set<string>> {
  const affiliations = await projectAffiliations(project, instance);
  if (affiliations) return new Set(maintainersOf(affiliations));
  const owner = infoPublisher(project);
  return new Set(owner ? [owner] : []);
}
