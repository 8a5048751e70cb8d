import { createHash } from "node:crypto";
import path from "node:path";
import { config } from "@/lib/config";
import { isManagedService } from "@/lib/forge/federation/instance";
import { adapterFor } from "@/lib/scm/index";
import type { MirrorProgress, ScmKind } from "@/lib/scm/types";

/**
 * Local repositories of this instance: mirrors of the repositories merge requests come from
 * (one directory per source, a faithful copy refreshed on demand), and each project's own
 * repository, where merges land (never overwritten by a refresh).
 */
export function mirrorRoot(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.cwd(),
    process.env.PUBFORGE_MIRROR_DIR ?? ".run/mirrors",
  );
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);

export function mirrorDir(scm: ScmKind, source: string): string {
  return path.join(mirrorRoot(), `${scm}-${digest(`${scm}\n${source}`)}`);
}

/** Clones or fetches `source` into its mirror and returns the mirror's directory. */
export async function refreshMirror(
  scm: ScmKind,
  source: string,
  onProgress?: (progress: MirrorProgress) => void,
): Promise<string> {
  const dir = mirrorDir(scm, source);
  await adapterFor(scm).mirror(source, dir, { onProgress });
  return dir;
}

export interface RepositoryOwner {
  readonly service: string;
  readonly slug: string;
  readonly scm: ScmKind;
}

/** What a project says of its repository: its upstream, or this instance as its host. */
export interface ProjectRepository extends RepositoryOwner {
  readonly cloneUrl: string;
  readonly repositoryHost: string;
  readonly defaultBranch: string;
}

/**
 * Whether the project's repository lives here: its info names this instance as the host, and
 * the project is on this instance's own service (a project elsewhere cannot make this server
 * hold its code by naming it).
 */
export function isHostedHere(project: { service: string; repositoryHost: string }): boolean {
  return (
    project.repositoryHost !== "" &&
    project.repositoryHost.toLowerCase() === config().PUBFORGE_INSTANCE_JID.toLowerCase() &&
    isManagedService(project.service)
  );
}

export function projectRepositoryDir({ service, slug, scm }: RepositoryOwner): string {
  return path.join(mirrorRoot(), "projects", `${scm}-${digest(`${service}\n${slug}`)}`);
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` on the project's repository directory alone: two merges at once would both
 * build on the same tip and the second would have to fail, and a push or refresh must not see
 * a branch half moved. One process owns the directory. A push through the SCM's HTTP server
 * is not in this queue, so a merge moves a branch only by compare-and-swap (ScmAdapter.merge).
 */
function alone<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(dir) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(task);
  queues.set(dir, next);
  void next
    .catch(() => {})
    .finally(() => {
      if (queues.get(dir) === next) queues.delete(dir);
    });
  return next;
}

/**
 * A hosted repository is the real one (made empty the first time); any other is brought up to
 * date with its upstream (the clone URL): new upstream commits come in, commits merged here
 * stay, even before the upstream has them. Returns the branches left as they are: ahead of
 * the upstream's (merges not pushed yet), or diverged from them (both moved on).
 */
async function bringUpToDate(
  project: ProjectRepository,
  dir: string,
  onProgress?: (progress: MirrorProgress) => void,
): Promise<{ diverged: string[]; ahead: string[] }> {
  const adapter = adapterFor(project.scm);
  if (isHostedHere(project)) {
    if (!(await adapter.detect(dir))) await adapter.init(dir, project.defaultBranch);
    return { diverged: [], ahead: [] };
  }
  const upstream = await refreshMirror(project.scm, project.cloneUrl, onProgress);
  return adapter.pull(upstream, dir);
}

/** Runs `work` on the project's repository, alone, once it is up to date. */
export function withProjectRepository<T>(
  project: ProjectRepository,
  work: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = projectRepositoryDir(project);
  return alone(dir, async () => {
    await bringUpToDate(project, dir);
    return work(dir);
  });
}

/**
 * Runs `work` on the project's repository as this instance holds it (no upstream fetch: a
 * page view must not wait for one, and a push sends what is here), alone, in the same queue
 * as merges; undefined when there is none yet. `work` may write objects and hidden refs,
 * never a branch.
 */
export function readProjectRepository<T>(
  project: RepositoryOwner,
  work: (dir: string) => Promise<T>,
): Promise<T | undefined> {
  const dir = projectRepositoryDir(project);
  return alone(dir, async () =>
    (await adapterFor(project.scm).detect(dir)) ? work(dir) : undefined,
  );
}

/** Refreshes the project's repository from its upstream, alone; see {@link bringUpToDate}. */
export function refreshProjectRepository(
  project: ProjectRepository,
  onProgress?: (progress: MirrorProgress) => void,
): Promise<{ diverged: string[]; ahead: string[] }> {
  const dir = projectRepositoryDir(project);
  return alone(dir, () => bringUpToDate(project, dir, onProgress));
}
