/** Where this instance serves a project's Git repository (lib/forge/repositories/http.ts). */
export function hostedRepositoryUrl(origin: string, service: string, slug: string): string {
  return `${origin}/p/${service}/${slug}.git`;
}

/** What a project's overview offers to clone: never a path on this server's disk. */
export function cloneAddress(
  project: { service: string; slug: string; scm: string; cloneUrl: string | null },
  origin: string,
): string | undefined {
  if (!project.cloneUrl) return undefined;
  // Git repositories are served by this instance (repositories/http.ts).
  if (project.scm === "git") return hostedRepositoryUrl(origin, project.service, project.slug);
  return /^(https?|ssh):\/\//i.test(project.cloneUrl) ? project.cloneUrl : undefined;
}
