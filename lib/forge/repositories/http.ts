import { existsSync } from "node:fs";
import { findProject } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { serveGitHttp, isPush, type GitHttpRequest } from "@/lib/scm/git-http";
import { hgHttpBackend, isHgPush, type HgHttpRequest } from "@/lib/scm/hg-http";
import type { ScmKind } from "@/lib/scm/types";
import { canViewProject, instanceReadAffiliation, isReader } from "@/lib/forge/projects/access";
import { isHostedHere, projectRepositoryDir, withProjectRepository } from "./mirrors";
import { projectId } from "@/lib/forge/nodes";
import { MAINTAINER_AFFILIATIONS } from "@/lib/forge/projects/affiliations";
import { ForgeError } from "@/lib/forge/errors";
import { listenForProcReceive } from "@/lib/scm/proc-receive-socket";
import type { XmppSession } from "@/lib/xmpp/session";
import { sessionRegistry } from "@/lib/xmpp/registry";
import { agitHandler } from "./agit";
import type { PushPublisher } from "./pushed-series";

/** The smart protocol's three endpoints; nothing else below the repository is reachable. */
const SMART_HTTP_PATHS = new Set(["info/refs", "git-upload-pack", "git-receive-pack"]);

export type RepositoryRequest = Omit<GitHttpRequest, "repository" | "remoteUser">;

/**
 * Who asks: a browser's signed-in viewer, someone Git authenticated with HTTP Basic (a JID
 * and a token or password, see lib/http/repository-auth.ts), or nobody.
 */
export type RepositoryPrincipal =
  | { kind: "viewer"; viewer: Viewer }
  | {
      kind: "client";
      jid: string;
      scope: "read" | "write";
      /** With a proven XMPP password: opens a session of theirs, to publish what they push. */
      openSession?: () => Promise<XmppSession>;
    }
  | { kind: "anonymous" };

/** What a push to refs/for/ needs from the request's layer: where people reach us, and words. */
export interface PushContext {
  readonly origin: string;
  readonly explain: (error: unknown) => string;
}

/** A refusal worded for Git or hg to print (they show a text/plain body as the reason). */
export const refusal = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...headers },
  });

/** The header that makes Git ask for credentials (it prompts, or asks its helper, and retries). */
export const BASIC_CHALLENGE = { "WWW-Authenticate": 'Basic realm="Pubforge", charset="UTF-8"' };

export const askForCredentials = (text: string) => refusal(401, text, BASIC_CHALLENGE);

type Access =
  | {
      ok: true;
      project: Project;
      dir: string;
      remoteUser?: string;
      /** For a push: whether branches and tags may change, or only refs/for/. */
      mayUpdateBranches?: boolean;
    }
  | { ok: false; response: Response };

/**
 * Decides whether `principal` may fetch from (or, with `push`, push to) a project's repository
 * and brings it up to date first: who may read follows the project's access; who may push is
 * the pubsub service's word (owner or publisher) as it tells the instance, and only for a
 * project hosted here.
 */
export async function repositoryAccess(
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
    const allowed = await pushAccess(project, principal);
    if (!allowed.ok) return allowed;
    if (!existsSync(dir)) await withProjectRepository(repository, async () => {});
    return {
      ok: true,
      project,
      dir,
      remoteUser: principalJid(principal),
      mayUpdateBranches: allowed.mayUpdateBranches,
    };
  }
  // Only a signed-in person makes this server fetch the upstream (#12); anyone else gets the
  // repository as it was last brought up to date, fetched once if it has never been.
  if ((opening && principal.kind !== "anonymous") || !existsSync(dir)) {
    await withProjectRepository(repository, async () => {});
  }
  return { ok: true, project, dir };
}

/**
 * A project's Git repository over Git's smart HTTP: `git clone`, `fetch` and `push`, where a
 * push to refs/for/ opens a merge request (./agit.ts) through the proc-receive hook.
 */
export async function serveProjectRepository(
  service: string,
  slug: string,
  principal: RepositoryPrincipal,
  request: RepositoryRequest,
  context: PushContext,
): Promise<Response> {
  if (!SMART_HTTP_PATHS.has(request.path)) {
    return refusal(404, "Only Git's smart HTTP is served here.");
  }
  const push = isPush(request.path, request.query);
  // Git asks for the refs first; what follows in the same clone needs no second refresh.
  const opening = request.path === "info/refs";
  const access = await repositoryAccess(service, slug, "git", principal, push, opening);
  if (!access.ok) return access.response;
  const served = { ...request, repository: access.dir, remoteUser: access.remoteUser };
  // Only the request carrying the pack runs hooks; the advertisement before it needs none.
  if (!push || request.path !== "git-receive-pack") return serveGitHttp(served);
  const jid = principalJid(principal)!;
  const listener = await listenForProcReceive(
    agitHandler({
      project: access.project,
      dir: access.dir,
      pusher: jid,
      mayUpdateBranches: access.mayUpdateBranches === true,
      publisher: () => publisherFor(principal, context.origin),
      ...context,
    }),
  );
  const done = () => void listener.close();
  try {
    return await serveGitHttp({
      ...served,
      procReceive: { socketPath: listener.socketPath, allRefs: !access.mayUpdateBranches, done },
    });
  } catch (error) {
    done();
    throw error;
  }
}

/**
 * Who publishes the merge request a push opens: the pusher, always with a session of their
 * own, so that the service names them as its publisher (items/overwrite-flag.ts). With their
 * password, a session opened for this push; with a token, the session they have signed in
 * here, if any. The instance never publishes in their name (docs/security.md says why).
 */
export async function publisherFor(
  principal: RepositoryPrincipal,
  origin: string,
): Promise<PushPublisher> {
  if (principal.kind === "viewer") return { viewer: principal.viewer, release: async () => {} };
  if (principal.kind === "client") {
    if (principal.openSession) {
      const session = await principal.openSession();
      return { viewer: { jid: principal.jid, session }, release: () => session.close() };
    }
    const session = sessionRegistry().sessionOf(principal.jid);
    if (session) return { viewer: { jid: principal.jid, session }, release: async () => {} };
  }
  throw new ForgeError("push-needs-session", { instance: origin });
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
  if (push && !access.mayUpdateBranches) {
    return refusal(
      403,
      `${principalJid(principal)} is not a maintainer of ${access.project.name}: only maintainers push. Open a merge request instead.`,
    );
  }
  return hgHttpBackend({ ...request, repository: access.dir, remoteUser: access.remoteUser });
}

export const principalJid = (principal: RepositoryPrincipal): string | undefined =>
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

/**
 * Whether this push may happen, by someone who may read the project: maintainers (owners and
 * publishers, as the service tells the instance) update anything; anyone else who may read
 * may only push to refs/for/, which opens merge requests, as the form lets them.
 */
async function pushAccess(
  project: Project,
  principal: RepositoryPrincipal,
): Promise<{ ok: true; mayUpdateBranches: boolean } | { ok: false; response: Response }> {
  const refuse = (response: Response) => ({ ok: false as const, response });
  const jid = principalJid(principal);
  if (!jid) {
    return refuse(askForCredentials(`Pushing to ${project.name} needs your JID and a token.`));
  }
  if (!isHostedHere(project)) {
    return refuse(
      refusal(
        403,
        `${project.name}'s repository lives at ${project.cloneUrl || "another server"}: push there, or open a merge request.`,
      ),
    );
  }
  if (principal.kind === "client" && principal.scope !== "write") {
    return refuse(refusal(403, "This access token may only read: create one that may write."));
  }
  const affiliation = await instanceReadAffiliation(project, jid);
  const maintainer =
    affiliation !== undefined && affiliation !== "none" && MAINTAINER_AFFILIATIONS.has(affiliation);
  return { ok: true, mayUpdateBranches: maintainer };
}
