import { resolve } from "node:path";
import type { ChangesetSummary, LogRange } from "../types";
import { hg, revsetString } from "./command";
import { summariesOfLogJson } from "./log-json";

/** `hg log -r "reverse(only(to, from))"`, newest first. */
export async function log(dir: string, { from, to, limit }: LogRange): Promise<ChangesetSummary[]> {
  const revset =
    from === undefined
      ? `reverse(::${revsetString(to)})`
      : `reverse(only(${revsetString(to)}, ${revsetString(from)}))`;
  const limitArgs = limit === undefined ? [] : ["--limit", String(limit)];
  return summariesOfLogJson(
    await hg(["log", "-R", resolve(dir), "-T", "json", "-r", revset, ...limitArgs]),
  );
}
