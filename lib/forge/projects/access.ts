import { findProject, projectsForAccess } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { isFailure } from "@/lib/xmpp/errors";
import type { Affiliation } from "@/lib/xmpp/pubsub";
import { instanceSession, isManagedService } from "@/lib/forge/federation/instance";
import { followAsViewer } from "@/lib/forge/federation/viewer-follow";
import { MEMBER_AFFILIATIONS, readProjectAffiliations } from "./affiliations";
import { rememberedAnswer, sessionReadsProject } from "./member-answers";

/**
 * Whether the cache may show a project to this viewer. Public (open) projects: anyone.
 * Members-only ones: only viewers the pubsub service counts as members, asked through a
 * session whose answer cannot be forged by the viewer's own server (see trust.ts); the shared
 * cache never answers that on its own, and a missing answer is a no.
 */
export async function canViewProject(id: string, viewer: Viewer | null): Promise<boolean> {
  const project = await findProject(id);
  return project !== null && (await canViewProjectRecord(project, viewer));
}

/** `canViewProject` of a project row already read. */
async function canViewProjectRecord(project: Project, viewer: Viewer | null): Promise<boolean> {
  const id = project.id;
  if (project.accessModel === "open") return true;
  if (!viewer) return false;
  const allowed = await rememberedAnswer(viewer.session, id, () => isMember(project, viewer));
  // Nobody else keeps a members-only project elsewhere fresh: the member's own session follows
  // it (awaited, so that what happens after this page is shown reaches it; at once when it
  // follows already). Outside the remembered answer, which notifications may have given.
  if (allowed && !project.followed && !isManagedService(project.service)) {
    await followAsViewer(viewer.session, project).catch((error: unknown) =>
      console.warn(`[access] ${viewer.jid} cannot follow ${id}: ${(error as Error).message}`),
    );
  }
  return allowed;
}

/** How many members-only projects are asked about at once (each may be an iq to a service). */
const ACCESS_QUERIES_AT_ONCE = 8;

/**
 * The ids of every cached project this viewer may read, by `canViewProject`'s rules: the list
 * every cross-project page (dashboard, search, profiles) starts from. A project whose service
 * does not answer is left out, not an error.
 */
export async function readableProjectIds(viewer: Viewer | null): Promise<string[]> {
  const projects = await projectsForAccess();
  const readable = projects.filter((project) => project.accessModel === "open");
  const restricted = viewer ? projects.filter((project) => project.accessModel !== "open") : [];
  for (let at = 0; at < restricted.length; at += ACCESS_QUERIES_AT_ONCE) {
    const batch = restricted.slice(at, at + ACCESS_QUERIES_AT_ONCE);
    const allowed = await Promise.all(
      batch.map((project) =>
        canViewProjectRecord(project, viewer).catch((error: unknown) => {
          console.warn(`[access] ${project.id} not listed: ${(error as Error).message}`);
          return false;
        }),
      ),
    );
    readable.push(...batch.filter((_, i) => allowed[i]));
  }
  return readable.map((project) => project.id);
}

/**
 * `jid`'s affiliation with a project on the instance's own service, as the service tells the
 * instance (an admin there), so that no user's server can make it up; undefined for projects
 * elsewhere, whose lists only their owners may read.
 */
export async function instanceReadAffiliation(
  project: Project,
  jid: string,
): Promise<Affiliation | "none" | undefined> {
  if (!isManagedService(project.service)) return undefined;
  const instance = await instanceSession();
  if (!instance) return undefined;
  // Asked afresh, not through projectAffiliations' batch cache: canViewProject keeps its own
  // answers, so that someone an owner just added gets in on their next page.
  const affiliations = await readProjectAffiliations(project, instance).catch((error: unknown) => {
    // A project whose info node is gone has nobody.
    if (isFailure(error, "item-not-found")) return new Map<string, Affiliation>();
    throw error;
  });
  return affiliations.get(jid.toLowerCase()) ?? "none";
}

/** Affiliations that may read a members-only project. */
export const isReader = (affiliation: Affiliation | "none" | undefined): boolean =>
  affiliation !== undefined && affiliation !== "none" && MEMBER_AFFILIATIONS.has(affiliation);

async function isMember(project: Project, viewer: Viewer): Promise<boolean> {
  // On its own service the instance is an admin: it reads the member list itself.
  if (isManagedService(project.service)) {
    return isReader(await instanceReadAffiliation(project, viewer.jid));
  }
  // Elsewhere only the viewer's own session can ask, and only some servers are believed.
  return sessionReadsProject(project, viewer);
}
