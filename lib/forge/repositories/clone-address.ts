/** Where this instance serves a project's repository (lib/forge/repositories/http.ts). */
export function hostedRepositoryUrl(
  origin: string,
  service: string,
  slug: string,
  scm: string,
): string {
  return `${origin}/p/${service}/${slug}.${scm === "hg" ? "hg" : "git"}`;
}

/**
 * What a project's overview offers to clone: this instance's copy, served by Git's and
 * Mercurial's own HTTP servers (repositories/http.ts), never a path on this server's disk.
 */
export function cloneAddress(
  project: { service: string; slug: string; scm: string; cloneUrl: string | null },
  origin: string,
): string | undefined {
  if (!project.cloneUrl) return undefined;
  return hostedRepositoryUrl(origin, project.service, project.slug, project.scm);
}
