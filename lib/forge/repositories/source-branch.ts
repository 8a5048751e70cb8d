import { isHostedHere, type ProjectRepository } from "./mirrors";

/**
 * The branch of this project's hosted Git repository a merge request was opened from (the
 * compare page or the new merge request form, with the project's own clone URL as source),
 * where an applied suggestion must land too. None for AGit merge requests (`refs/for/…`: no
 * branch), sources elsewhere, commit ids, and Mercurial (not built yet). The item's fields are
 * the publisher's word: the branch moves only as SeriesCommitInput.sourceBranch allows.
 */
export function hostedSourceBranch(
  project: ProjectRepository,
  request: { readonly sourceUrl: string; readonly sourceRef: string },
): string | undefined {
  if (project.scm !== "git" || !isHostedHere(project)) return undefined;
  if (!request.sourceUrl || request.sourceUrl !== project.cloneUrl) return undefined;
  const ref = request.sourceRef.replace(/^refs\/heads\//, "");
  if (ref === "" || ref.startsWith("refs/") || /^[0-9a-f]{40}$/i.test(ref)) return undefined;
  return ref;
}
