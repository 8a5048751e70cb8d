import { existsSync } from "node:fs";
import { findProject } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import { ForgeError } from "@/lib/forge/errors";
import { canViewProject } from "@/lib/forge/projects/access";
import {
  projectRepositoryDir,
  withProjectRepository,
  type ProjectRepository,
} from "@/lib/forge/repositories/mirrors";
import type { Viewer } from "@/lib/forge/viewer";
import { adapterFor } from "@/lib/scm/index";
import { ScmError } from "@/lib/scm/errors";
import { ScmKindSchema, type ScmAdapter } from "@/lib/scm/types";

/** What there is to browse of a project's code, and why not when there is nothing. */
export type CodeRepository =
  /** The project names no repository (no clone URL). */
  | { readonly state: "none" }
  /** It could not be fetched for the first time; `reason` says why. */
  | { readonly state: "unavailable"; readonly reason: string; readonly cloneUrl: string }
  /** Fetched, and without a single commit. */
  | { readonly state: "empty"; readonly cloneUrl: string }
  | {
      readonly state: "ready";
      readonly dir: string;
      readonly adapter: ScmAdapter;
      /** The branch pages show when they name none: the project's default if it exists. */
      readonly defaultRef: string;
    };

/** A signed-in visit brings the repository up to date at most this often, in the background. */
const REFRESH_INTERVAL_MS = 60_000;
const refreshedAt = new Map<string, number>();
/** A first fetch that failed is not tried again for a minute, whoever asks. */
const failures = new Map<string, { at: number; reason: string }>();

/**
 * The project's own repository (repositories/mirrors.ts: its upstream, plus what was merged
 * here), for someone who may read the project; a ForgeError `project-gone` for anyone else, so
 * that a members-only project's code is never read for them, nor its existence told.
 *
 * As for `git clone` (repositories/http.ts), only a signed-in visit makes this server fetch
 * the upstream: a repository never fetched is fetched once for anyone, then refreshed in the
 * background, at most once a minute, when signed-in people browse it. Pages show what is here.
 */
export async function openCodeRepository(
  projectId: string,
  viewer: Viewer | null,
): Promise<{ project: Project; repository: CodeRepository }> {
  const project = await findProject(projectId);
  if (!project || !(await canViewProject(projectId, viewer))) throw new ForgeError("project-gone");
  if (!project.cloneUrl) return { project, repository: { state: "none" } };
  const owner: ProjectRepository = { ...project, scm: ScmKindSchema.parse(project.scm) };
  const dir = projectRepositoryDir(owner);
  const cloneUrl = project.cloneUrl;
  if (!existsSync(dir)) {
    const failed = failures.get(dir);
    if (failed && Date.now() - failed.at < REFRESH_INTERVAL_MS) {
      return { project, repository: { state: "unavailable", reason: failed.reason, cloneUrl } };
    }
    try {
      await bringUpToDate(owner, dir);
      failures.delete(dir);
    } catch (error) {
      if (!(error instanceof ScmError)) throw error;
      failures.set(dir, { at: Date.now(), reason: error.message });
      return { project, repository: { state: "unavailable", reason: error.message, cloneUrl } };
    }
  } else if (viewer && Date.now() - (refreshedAt.get(dir) ?? 0) > REFRESH_INTERVAL_MS) {
    refreshedAt.set(dir, Date.now());
    bringUpToDate(owner, dir).catch((error: unknown) =>
      console.warn(`refreshing ${dir} from ${cloneUrl} failed`, error),
    );
  }
  const adapter = adapterFor(owner.scm);
  const branches = await adapter.branches(dir);
  if (branches.length === 0) return { project, repository: { state: "empty", cloneUrl } };
  const defaultRef = branches.some((branch) => branch.name === project.defaultBranch)
    ? project.defaultBranch
    : branches[0]!.name;
  return { project, repository: { state: "ready", dir, adapter, defaultRef } };
}

async function bringUpToDate(owner: ProjectRepository, dir: string) {
  refreshedAt.set(dir, Date.now());
  await withProjectRepository(owner, async () => {});
}
