import { findRepositoryMirror } from "@/lib/cache/repository-mirrors";
import type { MirrorProgress } from "@/lib/scm/types";
import { repositoryProgress } from "./pull-schedule";

/** What a project's pages show of its repository mirrors; never the credential. */
export interface RepositoryMirrorView {
  readonly push?: {
    readonly url: string;
    readonly setBy: string;
    readonly setAt: string | null;
    readonly state: string;
    readonly error: string;
    readonly pushedAt: string | null;
    readonly pending: readonly string[];
  };
  readonly pull?: {
    readonly state: string;
    readonly detail: string;
    readonly pulledAt: string | null;
  };
  readonly progress?: MirrorProgress;
}

export async function repositoryMirrorView(projectId: string): Promise<RepositoryMirrorView> {
  const mirror = await findRepositoryMirror(projectId);
  const progress = repositoryProgress(projectId);
  return {
    push: mirror?.pushUrl
      ? {
          url: mirror.pushUrl,
          setBy: mirror.pushSetBy,
          setAt: mirror.pushSetAt?.toISOString() ?? null,
          state: mirror.pushState,
          error: mirror.pushError,
          pushedAt: mirror.pushedAt?.toISOString() ?? null,
          pending: mirror.pendingBranches.split("\n").filter(Boolean),
        }
      : undefined,
    pull: mirror?.pullState
      ? {
          state: mirror.pullState,
          detail: mirror.pullDetail,
          pulledAt: mirror.pulledAt?.toISOString() ?? null,
        }
      : undefined,
    ...(progress ? { progress } : {}),
  };
}
