import { existsSync } from "node:fs";
import { findProject } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { gitHttpBackend, isPush, type GitHttpRequest } from "@/lib/scm/git-http";
import { ScmKindSchema } from "@/lib/scm/types";
import { canViewProject, instanceReadAffiliation, isReader } from "@/lib/forge/projects/access";
import { isHostedHere, projectRepositoryDir, withProjectRepository } from "./mirrors";
import { projectId } from "@/lib/forge/nodes";

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

const refusal = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...headers },
  });

/** Asks Git for credentials: it prompts (or asks its credential helper) and tries again. */
export const askForCredentials = (text: string) =>
  refusal(401, text, { "WWW-Authenticate": 'Basic realm="Pubforge", charset="UTF-8"' });

/**
 * A project's repository (where its merges land) over Git's smart HTTP, for `git clone`,
 * `git fetch` and, for maintainers of a project hosted here, `git push`. Who may read follows
 * the project's access; who may push is the pubsub service's word (owner or publisher), as
 * it tells the instance.
 */
export async function serveProjectRepository(
  service: string,
  slug: string,
  principal: RepositoryPrincipal,
  request: RepositoryRequest,
): Promise<Response> {
  const id = projectId(service, slug);
  const project = await findProject(id);
  const where = `${service}/${slug}`;
  if (!project || !(await mayRead(project, principal))) {
    // The same answer whether the project is missing or private: neither is told apart.
    return principal.kind === "anonymous"
      ? askForCredentials(`There is no public repository at ${where}: sign in with your JID.`)
      : refusal(404, `There is no repository at ${where} that you may read.`);
  }
  if (project.scm !== "git" || (!project.cloneUrl && !isHostedHere(project))) {
    return refusal(404, `${project.name} has no Git repository on this Pubforge instance.`);
  }
  if (!SMART_HTTP_PATHS.has(request.path))
    return refusal(404, "Only Git's smart HTTP is served here.");
  const repository = { ...project, scm: ScmKindSchema.parse(project.scm) };
  const dir = projectRepositoryDir(repository);
  if (isPush(request.path, request.query)) {
    const refused = await pushRefusal(project, principal);
    if (refused) return refused;
    if (!existsSync(dir)) await withProjectRepository(repository, async () => {});
    return gitHttpBackend({ ...request, repository: dir, remoteUser: principalJid(principal)! });
  }
  // Only a signed-in person makes this server fetch the upstream (#12); anyone else gets the
  // repository as it was last brought up to date, fetched once if it has never been.
  const refresh = principal.kind !== "anonymous" || !existsSync(dir);
  if (request.path === "info/refs" && refresh) {
    await withProjectRepository(repository, async () => {});
  }
  return gitHttpBackend({ ...request, repository: dir });
}

const principalJid = (principal: RepositoryPrincipal): string | undefined =>
  principal.kind === "viewer"
    ? principal.viewer.jid
    : principal.kind === "client"
      ? principal.jid
      : undefined;

async function mayRead(project: Project, principal: RepositoryPrincipal): Promise<boolean> {
  if (principal.kind === "client") {
    return (
      project.accessModel === "open" ||
      isReader(await instanceReadAffiliation(project, principal.jid))
    );
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
  if (affiliation !== "owner" && affiliation !== "publisher") {
    return refusal(
      403,
      `${jid} is not a maintainer of ${project.name}: only maintainers push. Open a merge request instead.`,
    );
  }
  return null;
}
