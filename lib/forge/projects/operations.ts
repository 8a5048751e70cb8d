import { z } from "zod";
import { findProject, setFollowed } from "@/lib/cache/projects";
import { config } from "@/lib/config";
import type { Viewer } from "@/lib/forge/viewer";
import { isFailure, XmppFailure } from "@/lib/xmpp/errors";
import { ForgeError } from "@/lib/forge/errors";
import { BareJidSchema } from "@/lib/xmpp/jid";
import {
  type Affiliation,
  getAffiliations,
  publish,
  setAffiliations,
  type NodeConfig,
} from "@/lib/xmpp/pubsub";
import {
  followProject,
  homeStatus,
  instanceSession,
  isManagedService,
  mirrorOnInstance,
} from "@/lib/forge/federation/instance";
import { mergeRequestsSchemaForm } from "@/lib/forge/merge-requests/schema";
import { createOwnedNode } from "@/lib/forge/node-creation";
import { projectId, projectNodes, ServiceSchema, SlugSchema } from "@/lib/forge/nodes";
import { sessionVouchedFor } from "@/lib/forge/federation/trust";
import { homeCommentsNodes } from "./comments-nodes";
import { forgetAffiliations } from "./affiliations";
import { isProjectMaintainer } from "./maintainers";
import { ScmKindSchema } from "@/lib/scm/types";
import { encodeProjectInfo } from "./codec";
import { syncProject } from "@/lib/forge/sync/sync";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { loadProject } from "./load-project";
import { hostedRepositoryUrl } from "@/lib/forge/repositories/clone-address";
import { ticketsSchemaForm } from "@/lib/forge/tickets/schema";
import { createWikiNodes } from "@/lib/forge/wiki/nodes";
import { createModerationNodes } from "@/lib/forge/moderation/nodes";
import { createChecksNode } from "@/lib/forge/checks/bots";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";

export const NewProjectSchema = z.object({
  service: ServiceSchema,
  slug: SlugSchema,
  name: z.string().trim().min(1, "Give the project a name").max(120),
  description: z.string().max(4000).default(""),
  scm: ScmKindSchema,
  cloneUrl: z.string().trim().max(2000).default(""),
  defaultBranch: z.string().trim().max(200).default(""),
  access: z.enum(["open", "whitelist"]).default("open"),
  /** `here`: this instance hosts the repository (Git); otherwise it copies `cloneUrl`. */
  repository: z.enum(["here", "elsewhere", ""]).default("elsewhere"),
});

function nodeConfigs(access: string): {
  info: NodeConfig;
  tracker: NodeConfig;
  schema: NodeConfig;
} {
  const common = {
    "pubsub#access_model": access,
    "pubsub#persist_items": "1",
    "pubsub#deliver_payloads": "1",
    "pubsub#notify_retract": "1",
  };
  return {
    info: { ...common, "pubsub#publish_model": "publishers", "pubsub#max_items": "1" },
    // Anyone who can read a project may file tickets and merge requests, as on any forge.
    // Prosody 0.12 then lets non-readers publish too; what they publish into a members-only
    // project is not shown (items/publishers.ts), since no publish model admits members only.
    tracker: { ...common, "pubsub#publish_model": "open", "pubsub#max_items": "max" },
    schema: { ...common, "pubsub#publish_model": "publishers", "pubsub#max_items": "1" },
  };
}

/**
 * Creates a project on a pubsub service: its info node, the ticket and merge-request trackers
 * and their XEP-0346 schema nodes (so Libervia finds them), all owned by the creator.
 */
export async function createProject(
  viewer: Viewer,
  input: unknown,
  where: { origin: string } = { origin: "" },
): Promise<string> {
  const project = NewProjectSchema.parse(input);
  const hosted = project.repository === "here";
  if (hosted && !isManagedService(project.service)) {
    throw new ForgeError("repository-not-hostable", { service: project.service });
  }
  const nodes = projectNodes(project.slug);
  const configs = nodeConfigs(project.access);
  const session = viewer.session;
  // The service, not the cache, knows whether the slug is taken: its node already exists.
  await createOwnedNode(session, project.service, nodes.info, configs.info).catch((error) => {
    if (error instanceof XmppFailure && error.kind === "conflict") {
      throw new ForgeError("project-exists", { slug: project.slug, service: project.service });
    }
    throw error;
  });
  await createOwnedNode(session, project.service, nodes.ticketsSchema, configs.schema);
  await createOwnedNode(session, project.service, nodes.tickets, configs.tracker);
  await createOwnedNode(session, project.service, nodes.mergeRequestsSchema, configs.schema);
  await createOwnedNode(session, project.service, nodes.mergeRequests, configs.tracker);
  await createOwnedNode(session, project.service, nodes.mergeRequestRevisions, configs.tracker);
  await createOwnedNode(session, project.service, nodes.merges, {
    ...configs.schema,
    "pubsub#max_items": "max",
  });
  // Open to contributors like the trackers; see wiki/nodes.ts for how history stays immutable.
  await createWikiNodes(session, project.service, project.slug, project.access);
  await createModerationNodes(session, project.service, project.slug, project.access);
  await createChecksNode(session, project.service, project.slug, project.access);
  await publish(session, project.service, nodes.ticketsSchema, ticketsSchemaForm(), {
    id: "current",
  });
  await publish(
    session,
    project.service,
    nodes.mergeRequestsSchema,
    mergeRequestsSchemaForm(project.scm),
    {
      id: "current",
    },
  );
  const info = encodeProjectInfo(project.service, project.slug, {
    name: project.name,
    description: project.description,
    scm: project.scm,
    cloneUrl: hosted
      ? hostedRepositoryUrl(where.origin, project.service, project.slug, project.scm)
      : project.cloneUrl,
    defaultBranch: project.defaultBranch || (project.scm === "hg" ? "default" : "main"),
    access: project.access,
    repositoryHost: hosted ? config().PUBFORGE_INSTANCE_JID : "",
  });
  await publishAndApply(viewer, project.service, nodes.info, info, {
    itemId: "info",
    accessModel: project.access,
  });
  const id = projectId(project.service, project.slug);
  await follow(id, project.service, project.slug, project.access);
  return id;
}

async function follow(id: string, service: string, slug: string, access: string): Promise<void> {
  // The instance follows what it may read on its own: public projects, and any project on its
  // own service, where it is an admin. (Pages still ask each viewer's session for private ones.)
  if (access !== "open" && !isManagedService(service)) return;
  await setFollowed(id, true);
  await followProject(service, slug);
}

/** Where a project lives, from what a person typed: service/slug, or an XMPP URI of any of its nodes. */
export function locateProject(typed: string): { service: string; slug: string } {
  const text = typed.trim();
  if (text.startsWith("xmpp:")) {
    const address = parseXmppUri(text);
    const slug = address?.node && /^forge\/([^/]+)\/project$|_([A-Za-z0-9-]+)$/.exec(address.node);
    const found = slug ? (slug[1] ?? slug[2]) : undefined;
    if (!address || !found) {
      throw new ForgeError("not-a-project-uri");
    }
    return { service: address.jid, slug: found };
  }
  const parts = text.split("/");
  if (parts.length !== 2) throw new ForgeError("not-a-project-address");
  return z.object({ service: ServiceSchema, slug: SlugSchema }).parse({
    service: parts[0],
    slug: parts[1],
  });
}

/**
 * Fetches a project into the shared cache and follows it. The instance reads it; a viewer's
 * session only when the instance may not (a members-only project elsewhere) and the viewer's
 * server is believed about that service (trust.ts): what anyone's own server says goes no
 * further than what that person is shown.
 */
export async function openProject(
  viewer: Viewer | null,
  service: string,
  slug: string,
): Promise<string> {
  // Anyone may name any server: only for someone signed in does the instance go and follow
  // it (#12). Projects on its own service it follows anyway.
  if (!viewer && !isManagedService(service)) throw new ForgeError("sign-in-to-open");
  const instance = await instanceSession();
  const member =
    viewer && sessionVouchedFor(viewer.jid, service, config().PUBFORGE_INSTANCE_JID)
      ? viewer.session
      : undefined;
  if (!instance && !member)
    throw new XmppFailure(
      "unreachable",
      "Pubforge is not connected to XMPP right now. Try again soon.",
    );
  try {
    await syncProject(instance ?? member!, service, slug);
  } catch (error) {
    if (!instance || !member || !isFailure(error, "forbidden")) throw error;
    await syncProject(member, service, slug);
  }
  const id = projectId(service, slug);
  const project = await findProject(id);
  if (project) await follow(id, service, slug, project.accessModel);
  return id;
}

export const MaintainerSchema = z.object({
  jid: BareJidSchema,
  role: z.enum(["publisher", "owner", "member", "none"]),
});

/** Owners grant or revoke maintainer rights: pubsub affiliations on every node of the project. */
export async function setMaintainer(viewer: Viewer, id: string, input: unknown): Promise<void> {
  const { jid, role } = MaintainerSchema.parse(input);
  const project = await loadProject(id);
  const nodes = projectNodes(project.slug);
  for (const node of [
    nodes.merges,
    nodes.info,
    nodes.ticketsSchema,
    nodes.tickets,
    nodes.mergeRequestsSchema,
    nodes.mergeRequests,
  ]) {
    await setAffiliations(viewer.session, project.service, node, { [jid]: role });
  }
  forgetAffiliations(project.id);
  // Maintainers may also retract wiki pages and moderate; projects older than the wiki, kept
  // merge request revisions or moderation have no such nodes.
  for (const node of [
    nodes.mergeRequestRevisions,
    nodes.wiki,
    nodes.wikiHistory,
    nodes.moderation,
    nodes.moderationLog,
    nodes.checks,
  ]) {
    await setAffiliations(viewer.session, project.service, node, { [jid]: role }).catch(
      ignoreMissingNode,
    );
  }
  // Members of a members-only project must read the existing discussions too. Comments nodes
  // belong to whoever opened the thread; on its own service the instance (their co-owner)
  // extends the change the service just accepted from a project owner.
  if (project.accessModel === "open") return;
  const instance = isManagedService(project.service) ? await instanceSession() : undefined;
  // The instance lends its admin rights only to an owner the service itself names: the
  // replies above came through the viewer's own server, which may have made them up.
  if (instance) {
    const owners = await getAffiliations(instance, project.service, nodes.info);
    if (owners[viewer.jid] !== "owner") {
      throw new ForgeError("not-owner");
    }
  }
  for (const node of await homeCommentsNodes(project)) {
    await setAffiliations(instance ?? viewer.session, project.service, node, {
      [jid]: role,
    }).catch(ignoreMissingNode);
  }
}

function ignoreMissingNode(error: unknown): void {
  if (!isFailure(error, "item-not-found")) throw error;
}

/** The affiliations a project page lists, in this order. */
const LISTED_AFFILIATIONS: readonly Affiliation[] = [
  "owner",
  "publisher",
  "publish-only",
  "member",
];

export type ProjectRights =
  | { ok: true; holders: { jid: string; affiliation: Affiliation }[] }
  | { ok: false; reason: string };

/**
 * Who holds rights on the project (its info node's affiliations), asked with the viewer's own
 * session: services tell only owners, so anyone else is told why they see no list.
 */
export async function projectRights(viewer: Viewer, id: string): Promise<ProjectRights> {
  const project = await findProject(id);
  if (!project) return { ok: false, reason: "This project is not known here any more." };
  // Asking an unreachable service would hold the page until the request times out.
  if (!homeStatus(project.service).reachable) {
    return {
      ok: false,
      reason: `${project.service} is away: who holds rights cannot be read now.`,
    };
  }
  try {
    const affiliations = await getAffiliations(
      viewer.session,
      project.service,
      projectNodes(project.slug).info,
    );
    const rank = (affiliation: Affiliation) => LISTED_AFFILIATIONS.indexOf(affiliation);
    const holders = Object.entries(affiliations)
      .map(([jid, affiliation]) => ({ jid, affiliation }))
      .filter(({ affiliation }) => rank(affiliation) !== -1)
      .sort((a, b) => rank(a.affiliation) - rank(b.affiliation) || a.jid.localeCompare(b.jid));
    return { ok: true, holders };
  } catch (error) {
    if (isFailure(error, "forbidden", "not-authorized")) {
      return {
        ok: false,
        reason: `Only owners may see who holds rights here: ${project.service} does not tell you.`,
      };
    }
    if (error instanceof XmppFailure) {
      return { ok: false, reason: `The list of rights could not be read: ${error.message}` };
    }
    throw error;
  }
}

/**
 * Mirrors a public project from another server onto this instance's pubsub service, for one of
 * its owners or maintainers (maintainers.ts). Members-only projects are not mirrored: the
 * instance could not read them on its own, and the copy would be readable by anyone the mirror
 * service lets in.
 */
export async function mirrorProject(viewer: Viewer, id: string): Promise<void> {
  const project = await loadProject(id);
  if (project.accessModel !== "open") throw new ForgeError("members-only-not-mirrored");
  if (isManagedService(project.service)) throw new ForgeError("home-is-here");
  // A mirror is a standing copy on this instance's service: its project's people decide.
  if (!(await isProjectMaintainer(viewer, project, "trusted-readings"))) {
    throw new ForgeError("mirror-needs-maintainer", { service: project.service });
  }
  await setFollowed(id, true);
  await mirrorOnInstance(project);
}
