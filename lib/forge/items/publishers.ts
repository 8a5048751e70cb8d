import { findProject } from "@/lib/cache/projects";
import type { Affiliation } from "@/lib/xmpp/pubsub";
import { connectedInstance, isManagedService } from "@/lib/forge/federation/instance-account";
import {
  MEMBER_AFFILIATIONS,
  projectAffiliations,
  projectMaintainers,
} from "@/lib/forge/projects/affiliations";

/**
 * Who a project trusts to publish, for one batch of items of one of its nodes: the service is
 * asked at most once, and only if an item needs it.
 */
export interface ProjectPublishers {
  /** The maintainers (see projectMaintainers), for the overwrite flag. */
  maintainers(): Promise<ReadonlySet<string>>;
  /** Why an item this publisher published is not cached, or undefined if it is. */
  refusal(publisher: string): Promise<string | undefined>;
}

/**
 * Prosody 0.12 lets anyone publish to a node whose publish_model is open, even to a
 * members-only (whitelist) node that refuses them as readers, and Pubforge's trackers must be
 * open for Libervia. So in a members-only project an item is cached only if the service lists
 * its publisher as a member (owner, publisher or member), asked by the instance on its own
 * service. Elsewhere nobody but an owner may read the list, so the service's word is all there
 * is. Where the list is unknown on the instance's own service, or the item names no publisher,
 * the item is refused until a sync can tell.
 */
export function projectPublishers(projectId: string, accessModel: string): ProjectPublishers {
  let maintainers: Promise<ReadonlySet<string>> | undefined;
  let affiliations: Promise<ReadonlyMap<string, Affiliation> | undefined> | undefined;
  const project = async () => {
    const row = await findProject(projectId);
    if (!row) throw new Error(`project ${projectId} is not cached`);
    return row;
  };
  return {
    maintainers() {
      maintainers ??= project().then((row) => projectMaintainers(row, connectedInstance()));
      return maintainers;
    },
    async refusal(publisher) {
      if (accessModel === "open") return undefined;
      const row = await project();
      affiliations ??= projectAffiliations(row, connectedInstance());
      const members = await affiliations;
      if (!members) {
        return isManagedService(row.service)
          ? "its publisher's membership could not be checked yet"
          : undefined;
      }
      if (!publisher) return "its service does not say who published it";
      const affiliation = members.get(publisher.toLowerCase());
      return affiliation && MEMBER_AFFILIATIONS.has(affiliation)
        ? undefined
        : `published by ${publisher}, who is not a member of this members-only project`;
    },
  };
}
