import { refTips } from "@/lib/forge/code/browse";
import { openCodeRepository, type CodeRepository } from "@/lib/forge/code/repository";
import { decodeSegment } from "@/lib/forge/routes";
import { actionError } from "@/lib/http/action-result";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";

/** A code page's project (or the layout's 404) and what there is to browse of its code. */
export async function loadCode(params: Promise<ProjectParams>) {
  const { project, viewer, base } = await loadProject(params);
  const { repository } = await openCodeRepository(project.id, viewer);
  return { project, viewer, base, repository };
}

/**
 * A revision and path as a page's URL segments carry them (still encoded); undefined when one
 * cannot be decoded, so the page says so instead of guessing.
 */
export function revisionAndPath(
  rev: string,
  path: readonly string[] = [],
): { rev: string; path: string } | undefined {
  const decoded = [rev, ...path].map(decodeSegment);
  if (decoded.some((segment) => segment === undefined)) return undefined;
  const [revision, ...names] = decoded as string[];
  return { rev: revision!, path: names.join("/") };
}

/**
 * Runs a read of the repository; what a visitor's URL caused (a name naming nothing, a path
 * refused) comes back as the sentence to show, as do other SCM failures.
 */
export async function explained<T>(
  read: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, problem: actionError(error).message };
  }
}

/** Branch and tag names for the ref switcher. */
export async function refNames(
  repository: Extract<CodeRepository, { state: "ready" }>,
): Promise<{ branches: string[]; tags: string[] }> {
  const [branches, tags] = await Promise.all([
    refTips(repository, "branch"),
    refTips(repository, "tag"),
  ]);
  return { branches: branches.map((tip) => tip.name), tags: tags.map((tip) => tip.name) };
}
