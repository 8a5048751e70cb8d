import { parseHgSeries } from "./hg-series";
import { blame } from "./hg-commands/annotate";
import { branches } from "./hg-commands/branches";
import { commitOnSeries } from "./hg-commands/commit-on-series";
import { commit } from "./hg-commands/commit";
import { compare } from "./hg-commands/compare";
import { detect } from "./hg-commands/detect";
import { exportSeries } from "./hg-commands/export-series";
import { init } from "./hg-commands/init";
import { log } from "./hg-commands/log";
import { merge } from "./hg-commands/merge";
import { mergeability } from "./hg-commands/mergeability";
import { mirror } from "./hg-commands/mirror";
import { push } from "./hg-commands/push";
import { pull } from "./hg-commands/pull";
import { readFile } from "./hg-commands/read-file";
import { refTips } from "./hg-commands/ref-tips";
import { resolve } from "./hg-commands/resolve";
import { tree } from "./hg-commands/tree";
import type { ScmAdapter } from "./types";

/** Mercurial through the `hg` command (Debian package `mercurial`); each command lives in `hg-commands/<command>.ts`. */
export const hgAdapter: ScmAdapter = {
  kind: "hg",
  detect,
  init,
  mirror,
  pull,
  push,
  branches,
  log,
  exportSeries,
  parseSeries: parseHgSeries,
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
