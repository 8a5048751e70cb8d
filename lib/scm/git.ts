import { parseGitSeries } from "./git-series";
import { applySeries } from "./git-commands/apply-series";
import { branches } from "./git-commands/branches";
import { detect } from "./git-commands/detect";
import { exportSeries } from "./git-commands/export-series";
import { init } from "./git-commands/init";
import { log } from "./git-commands/log";
import { mirror } from "./git-commands/mirror";
import { pull } from "./git-commands/pull";
import type { ScmAdapter } from "./types";

/**
 * Git through isomorphic-git (objects, refs, commits, HTTP fetch) and jsdiff (hunks); no
 * `git` binary is needed. Each command lives in `git/<command>.ts`.
 */
export const gitAdapter: ScmAdapter = {
  kind: "git",
  detect,
  init,
  mirror,
  pull,
  branches,
  log,
  exportSeries,
  parseSeries: parseGitSeries,
  applySeries,
};
