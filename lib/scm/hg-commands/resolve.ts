import { resolve as absolute } from "node:path";
import { checkRevision } from "../browse-input";
import type { ChangesetSummary } from "../types";
import { hg, HgCommandError, revsetString } from "./command";
import { summariesOfLogJson } from "./log-json";

// The empty changeset before the first, and the working directory's virtual one.
const VIRTUAL = new Set(["0".repeat(40), "f".repeat(40)]);

/** The changeset a branch, bookmark, tag or changeset id names, or undefined. */
export async function resolve(dir: string, rev: string): Promise<ChangesetSummary | undefined> {
  const revset = revsetString(checkRevision(rev));
  try {
    const json = await hg(["log", "-R", absolute(dir), "-r", revset, "-l", "1", "-T", "json"]);
    const [summary] = summariesOfLogJson(json);
    return summary && VIRTUAL.has(summary.id) ? undefined : summary;
  } catch (error) {
    if (error instanceof HgCommandError && isUnknownRevision(error)) return undefined;
    throw error;
  }
}

/** hg's words for a name that names no changeset it will show. */
export function isUnknownRevision(error: HgCommandError): boolean {
  return /^abort: (unknown revision|ambiguous identifier|filtered revision|hidden revision)/m.test(
    error.stderr,
  );
}
