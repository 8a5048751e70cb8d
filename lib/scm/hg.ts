import { parseHgSeries } from "./hg-series";
import { applySeries } from "./hg-commands/apply-series";
import { branches } from "./hg-commands/branches";
import { detect } from "./hg-commands/detect";
import { exportSeries } from "./hg-commands/export-series";
import { init } from "./hg-commands/init";
import { log } from "./hg-commands/log";
import { mirror } from "./hg-commands/mirror";
import { pull } from "./hg-commands/pull";
import type { ScmAdapter } from "./types";

/** Mercurial through the `hg` command (Debian package `mercurial`); each command lives in `hg/<command>.ts`. */
export const hgAdapter: ScmAdapter = {
  kind: "hg",
  detect,
  init,
  mirror,
  pull,
  branches,
  log,
  exportSeries,
  parseSeries: parseHgSeries,
  applySeries,
};
