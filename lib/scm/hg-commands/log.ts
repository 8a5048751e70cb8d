import { resolve } from "node:path";
import { checkRepoPath, checkRevision } from "../browse-input";
import type { ChangesetSummary, LogRange } from "../types";
import { hg, revsetString } from "./command";
import { summariesOfLogJson } from "./log-json";

// hg's limit() wants a count with its offset; this one means "all the rest".
const ALL = 2 ** 31 - 1;

/** `hg log -r "reverse(only(to, from)) and file(path:…)"`, newest first. */
export async function log(
  dir: string,
  { from, to, limit, skip, path }: LogRange,
): Promise<ChangesetSummary[]> {
  const head = revsetString(checkRevision(to));
  let revset =
    from === undefined
      ? `reverse(::${head})`
      : `reverse(only(${head}, ${revsetString(checkRevision(from))}))`;
  // `path:` makes the name exact (hg reads a bare one as a glob), relative to the root.
  if (path) revset = `${revset} and file(${revsetString(`path:${checkRepoPath(path)}`)})`;
  if (skip) revset = `limit(${revset}, ${limit ?? ALL}, ${Math.floor(skip)})`;
  const limitArgs = limit === undefined ? [] : ["--limit", String(Math.max(0, Math.floor(limit)))];
  return summariesOfLogJson(
    await hg(["log", "-R", resolve(dir), "-T", "json", "-r", revset, ...limitArgs]),
  );
}
