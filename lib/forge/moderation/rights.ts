import type { Actor, Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { instanceSession, isManagedService } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { homeCommentsNodes } from "@/lib/forge/projects/comments-nodes";
import { maintainersOf } from "@/lib/forge/projects/affiliations";
import { affiliationsByService, isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { isFailure } from "@/lib/xmpp/errors";

/** Where a project lives, as moderation needs it. */
export interface ModeratedProject {
  id: string;
  service: string;
  slug: string;
  accessModel: string;
}

/**
 * Refuses early whoever is no maintainer, by the instance's reading on its own service and the
 * viewer's own session elsewhere: the service still judges each request made in their name.
 */
export async function requireMaintainer(viewer: Viewer, project: ModeratedProject): Promise<void> {
  if (!(await isProjectMaintainer(viewer, project, "instance-then-viewer-session"))) {
    throw new ForgeError("moderators-only");
  }
}

/** Who does one request for a maintainer (see `moderatorFor`). */
export interface Moderator {
  act<T>(service: string, node: string, work: (actor: Actor) => Promise<T>): Promise<T>;
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
  let lender: Promise<Actor | undefined> | undefined;
  const instanceFor = async (service: string, node: string): Promise<Actor | undefined> => {
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
): Promise<Actor | undefined> {
  const instance = await instanceSession();
  const affiliations = await affiliationsByService(project);
  if (!instance || !affiliations) return undefined;
  if (!maintainersOf(affiliations).includes(viewer.jid.toLowerCase()))
    throw new ForgeError("moderators-only");
  return { jid: instance.jid, session: instance };
}
