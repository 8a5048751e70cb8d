import { type Affiliation, getAffiliations, type IqRequester } from "@/lib/xmpp/pubsub";
import { isManagedService } from "@/lib/forge/federation/instance-account";
import { affiliationMap } from "@/lib/forge/projects/affiliations";
import { projectNodes } from "@/lib/forge/nodes";

/** Who may publish to a checks node: its owners (maintainers) and the bots made publishers. */
const CHECK_PUBLISHERS: ReadonlySet<Affiliation> = new Set(["owner", "publisher", "publish-only"]);

/** A bot just allowed counts within this long; one just removed is also purged from the cache. */
const ANSWER_TTL_MS = 10_000;
const answers = new Map<string, { affiliations: ReadonlyMap<string, Affiliation>; at: number }>();

export interface ChecksProject {
  id: string;
  service: string;
  slug: string;
}

/**
 * Why a check this publisher published is not cached, or undefined if it is. The service lets
 * only its publishers publish, but an item stays after its bot is removed: on the instance's
 * own service, where it is an admin, the instance asks who the publishers are now. Elsewhere
 * only owners may ask, so the service's word at publication is all there is.
 */
export async function checkRefusal(
  project: ChecksProject,
  publisher: string,
  instance: IqRequester | undefined,
): Promise<string | undefined> {
  if (!publisher) return "its service does not say who published it";
  if (!isManagedService(project.service)) return undefined;
  if (!instance) return "its publisher could not be checked yet";
  const affiliations = await checksAffiliations(project, instance).catch(() => undefined);
  if (!affiliations) return "its publisher could not be checked yet";
  const affiliation = affiliations.get(publisher.toLowerCase());
  return affiliation && CHECK_PUBLISHERS.has(affiliation)
    ? undefined
    : `published by ${publisher}, who is not an allowed CI bot of this project`;
}

async function checksAffiliations(
  project: ChecksProject,
  instance: IqRequester,
): Promise<ReadonlyMap<string, Affiliation>> {
  const known = answers.get(project.id);
  if (known && Date.now() - known.at < ANSWER_TTL_MS) return known.affiliations;
  const affiliations = affiliationMap(
    await getAffiliations(instance, project.service, projectNodes(project.slug).checks),
  );
  answers.set(project.id, { affiliations, at: Date.now() });
  return affiliations;
}

/** After maintainers changed the bots: the next question goes to the service. */
export function forgetCheckPublishers(projectId: string): void {
  answers.delete(projectId);
}
