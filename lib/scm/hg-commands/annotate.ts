import { resolve } from "node:path";
import { checkRepoPath, checkRevision } from "../browse-input";
import type { Blame } from "../types";
import { annotatedChangesets, blameOfAnnotation } from "./annotate-json";
import { hg, revsetString } from "./command";
import { summariesOfLogJson } from "./log-json";

/** `hg annotate`: who last changed each line, with the summaries of those changesets. */
export async function blame(dir: string, rev: string, path: string): Promise<Blame> {
  const repository = resolve(dir);
  const revision = revsetString(checkRevision(rev));
  const json = await hg([
    ...["annotate", "-R", repository, "-r", revision, "-T", "json"],
    ...["--changeset", "--user", "--date", "--line-number", "--", `path:${checkRepoPath(path)}`],
  ]);
  const ids = annotatedChangesets(json);
  const summaries =
    ids.length === 0
      ? []
      : summariesOfLogJson(
          await hg(["log", "-R", repository, "-r", ids.join(" + "), "-T", "json"]),
        );
  return blameOfAnnotation(json, summaries);
}
