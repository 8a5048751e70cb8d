import { existsSync } from "node:fs";
import { findProject } from "@/lib/cache/projects";
import type { Viewer } from "@/lib/forge/viewer";
import { gitHttpBackend, isPush, type GitHttpRequest } from "@/lib/scm/git-http";
import { ScmKindSchema } from "@/lib/scm/types";
import { canViewProject } from "@/lib/forge/projects/access";
import { projectRepositoryDir, withProjectRepository } from "./mirrors";
import { projectId } from "@/lib/forge/nodes";

/** The smart protocol's three endpoints; nothing else below the repository is reachable. */
const SMART_HTTP_PATHS = new Set(["info/refs", "git-upload-pack", "git-receive-pack"]);

export type RepositoryRequest = Omit<GitHttpRequest, "repository">;

const refusal = (status: number, text: string) =>
  new Response(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * A project's repository (where its merges land) over Git's smart HTTP, for `git clone` and
 * `git fetch`: who may read follows the project's access, and a signed-in person's clone first
 * brings the repository up to date with its upstream.
 */
export async function serveProjectRepository(
  service: string,
  slug: string,
  viewer: Viewer | null,
  request: RepositoryRequest,
): Promise<Response> {
  const id = projectId(service, slug);
  const project = await findProject(id);
  if (!project || !(await canViewProject(id, viewer))) {
    return refusal(404, `There is no repository at ${service}/${slug} that you may read.`);
  }
  if (project.scm !== "git" || !project.cloneUrl) {
    return refusal(404, `${project.name} has no Git repository on this Pubforge instance.`);
  }
  if (!SMART_HTTP_PATHS.has(request.path))
    return refusal(404, "Only Git's smart HTTP is served here.");
  if (isPush(request.path, request.query)) {
    return refusal(403, "Pushing to Pubforge is not possible yet: open a merge request instead.");
  }
  const owner = {
    service: project.service,
    slug: project.slug,
    scm: ScmKindSchema.parse(project.scm),
  };
  const cloneUrl = project.cloneUrl;
  const repository = projectRepositoryDir(owner);
  // Only a signed-in person makes this server fetch the upstream (#12); anyone else gets the
  // repository as it was last brought up to date, fetched once if it has never been.
  const refresh = viewer !== null || !existsSync(repository);
  if (request.path === "info/refs" && refresh) {
    await withProjectRepository(owner, cloneUrl, async () => {});
  }
  return gitHttpBackend({ ...request, repository });
}
