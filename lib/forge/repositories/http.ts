import { existsSync } from "node:fs";
import { findProject } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { gitHttpBackend, isPush, type GitHttpRequest } from "@/lib/scm/git-http";
import { hgHttpBackend, isHgPush, type HgHttpRequest } from "@/lib/scm/hg-http";
import type { ScmKind } from "@/lib/scm/types";
import { canViewProject, instanceReadAffiliation, isReader } from "@/lib/forge/projects/access";
import { isHostedHere, projectRepositoryDir, withProjectRepository } from "./mirrors";
import { projectId } from "@/lib/forge/nodes";
import { MAINTAINER_AFFILIATIONS } from "@/lib/forge/projects/affiliations";

/** The smart protocol's three endpoints; nothing else below the repository is reachable. */
const SMART_HTTP_PATHS = new Set(["info/refs", "git-upload-pack", "git-receive-pack"]);

export type RepositoryRequest = Omit<GitHttpRequest, "repository" | "remoteUser">;

/**
 * Who asks: a browser's signed-in viewer, someone Git authenticated with HTTP Basic (a JID
 * and a token or password, see lib/http/repository-auth.ts), or nobody.
 */
export type RepositoryPrincipal =
  | { kind: "viewer"; viewer: Viewer }
  | { kind: "client"; jid: string; scope: "read" | "write" }
  | { kind: "anonymous" };

/** A refusal worded for Git or hg to print (they show a text/plain body as the reason). */
export const refusal = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...headers },
  });

/** The header that makes Git ask for credentials (it prompts, or asks its helper, and retries). */
export const BASIC_CHALLENGE = { "WWW-Authenticate": 'Basic realm="Pubforge", charset="UTF-8"' };

export const askForCredentials = (text: string) => refusal(401, text, BASIC_CHALLENGE);

type Access = { ok: true; dir: string; remoteUser?: string } | { ok: false; response: Response };

/**
 * Decides whether `principal` may fetch from (or, with `push`, push to) a project's repository
 * and brings it up to date first: who may read follows the project's access; who may push is
 * the pubsub service's word (owner or publisher) as it tells the instance, and only for a
 * project hosted here.
 */
async function repositoryAccess(
  service: string,
  slug: string,
  scm: ScmKind,
  principal: RepositoryPrincipal,
  push: boolean,
  /** The first request of a clone or pull, after which the repository is brought up to date. */
  opening: boolean,
): Promise<Access> {
  const id = projectId(service, slug);
  const project = await findProject(id);
  const where = `${service}/${slug}`;
  if (!project || !(await mayRead(project, principal))) {
    // The same answer whether the project is missing or private: neither is told apart.
    const response =
      principal.kind === "anonymous"
        ? askForCredentials(`There is no public repository at ${where}: sign in with your JID.`)
        : refusal(404, `There is no repository at ${where} that you may read.`);
    return { ok: false, response };
  }
  if (project.scm !== scm || (!project.cloneUrl && !isHostedHere(project))) {
    const kind = scm === "git" ? "Git" : "Mercurial";
    return {
      ok: false,
      response: refusal(
        404,
        `${project.name} has no ${kind} repository on this Pubforge instance.`,
      ),
    };
  }
  const repository = { ...project, scm };
  const dir = projectRepositoryDir(repository);
  if (push) {
    const refused = await pushRefusal(project, principal);
    if (refused) return { ok: false, response: refused };
    if (!existsSync(dir)) await withProjectRepository(repository, async () => {});
    return { ok: true, dir, remoteUser: principalJid(principal) };
  }
  // Only a signed-in person makes this server fetch the upstream (#12); anyone else gets the
  // repository as it was last brought up to date, fetched once if it has never been.
  if ((opening && principal.kind !== "anonymous") || !existsSync(dir)) {
    await withProjectRepository(repository, async () => {});
  }
  return { ok: true, dir };
}

/** A project's Git repository over Git's smart HTTP: `git clone`, `fetch` and `push`. */
export async function serveProjectRepository(
  service: string,
  slug: string,
  principal: RepositoryPrincipal,
  request: RepositoryRequest,
): Promise<Response> {
  if (!SMART_HTTP_PATHS.has(request.path)) {
    return refusal(404, "Only Git's smart HTTP is served here.");
  }
  const push = isPush(request.path, request.query);
  // Git asks for the refs first; what follows in the same clone needs no second refresh.
  const opening = request.path === "info/refs";
  const access = await repositoryAccess(service, slug, "git", principal, push, opening);
  if (!access.ok) return access.response;
  return gitHttpBackend({ ...request, repository: access.dir, remoteUser: access.remoteUser });
}

/** A project's Mercurial repository over hg's HTTP wire protocol: `hg clone`, `pull`, `push`. */
export async function serveProjectHgRepository(
  service: string,
  slug: string,
  principal: RepositoryPrincipal,
  request: Omit<HgHttpRequest, "repository" | "remoteUser">,
): Promise<Response> {
  const push = isHgPush(request.query);
  const opening = new URLSearchParams(request.query).get("cmd") === "capabilities";
  const access = await repositoryAccess(service, slug, "hg", principal, push, opening);
  if (!access.ok) return access.response;
  return hgHttpBackend({ ...request, repository: access.dir, remoteUser: access.remoteUser });
}

const principalJid = (principal: RepositoryPrincipal): string | undefined =>
  principal.kind === "viewer"
    ? principal.viewer.jid
    : principal.kind === "client"
      ? principal.jid
      : undefined;

async function mayRead(project: Project, principal: RepositoryPrincipal): Promise<boolean> {
  // Every request of a clone asks (three for Git, more for hg): an open project is answered
  // from the row already read, without reading it again (bench/RESULTS.md, clone).
  if (project.accessModel === "open") return true;
  if (principal.kind === "client") {
    return isReader(await instanceReadAffiliation(project, principal.jid));
  }
  return canViewProject(project.id, principal.kind === "viewer" ? principal.viewer : null);
}

/** Why this push may not happen, or null when it may. */
async function pushRefusal(
  project: Project,
  principal: RepositoryPrincipal,
): Promise<Response | null> {
  const jid = principalJid(principal);
  if (!jid) return askForCredentials(`Pushing to ${project.name} needs your JID and a token.`);
  if (!isHostedHere(project)) {
    return refusal(
      403,
      `${project.name}'s repository lives at ${project.cloneUrl || "another server"}: push there, or open a merge request.`,
    );
  }
  if (principal.kind === "client" && principal.scope !== "write") {
    return refusal(403, "This access token may only read: create one that may write.");
  }
  const affiliation = await instanceReadAffiliation(project, jid);
  if (
    affiliation === undefined ||
    affiliation === "none" ||
    !MAINTAINER_AFFILIATIONS.has(affiliation)
  ) {
    return refusal(
      403,
      `${jid} is not a maintainer of ${project.name}: only maintainers push. Open a merge request instead.`,
    );
  }
  return null;
}
