import { gitAdapter } from "./git";
import { hgAdapter } from "./hg";
import type { ScmAdapter, ScmKind } from "./types";

/** The one place that maps an SCM kind to its implementation: nothing above knows which. */
export function adapterFor(kind: ScmKind): ScmAdapter {
  return kind === "git" ? gitAdapter : hgAdapter;
}

/** Which SCM the repository in `dir` uses, if any. */
export async function detectRepository(dir: string): Promise<ScmKind | null> {
  for (const adapter of [gitAdapter, hgAdapter]) if (await adapter.detect(dir)) return adapter.kind;
  return null;
}

export { detectSeriesKind, parseSeries } from "./detect-series";
export {
  ApplyConflictError,
  MergeConflictError,
  NotFastForwardError,
  PatchParseError,
  ScmError,
  TargetMovedError,
} from "./errors";
export type * from "./types";
