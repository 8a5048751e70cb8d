import { parseGitSeries } from "./git-series";
import { blame } from "./git-commands/blame";
import { branches } from "./git-commands/branches";
import { commitOnSeries } from "./git-commands/commit-on-series";
import { commit } from "./git-commands/commit";
import { compare } from "./git-commands/compare";
import { detect } from "./git-commands/detect";
import { exportSeries } from "./git-commands/export-series";
import { init } from "./git-commands/init";
import { log } from "./git-commands/log";
import { merge } from "./git-commands/merge";
import { mergeability } from "./git-commands/mergeability";
import { mirror } from "./git-commands/mirror";
import { push } from "./git-commands/push";
import { pull } from "./git-commands/pull";
import { readFile } from "./git-commands/read-file";
import { refTips } from "./git-commands/ref-tips";
import { resolve } from "./git-commands/resolve";
import { tree } from "./git-commands/tree";
import type { ScmAdapter } from "./types";

/**
 * Git: isomorphic-git (objects, refs, commits, HTTP fetch) and jsdiff (hunks) for what
 * Pubforge writes, which needs no `git` binary; the code browser's reads go through `git`
 * itself (git-commands/cli.ts), which has the blame, path-limited log and sized tree listing
 * isomorphic-git lacks. Each command lives in `git-commands/<command>.ts`.
 */
export const gitAdapter: ScmAdapter = {
  kind: "git",
  detect,
  init,
  mirror,
  pull,
  push,
  branches,
  log,
  exportSeries,
  parseSeries: parseGitSeries,
  mergeability,
  merge,
  commitOnSeries,
  resolve,
  tree,
  readFile,
  commit,
  blame,
  refTips,
  compare,
};
