import { resolve as absolute } from "node:path";
import { readCappedDiff } from "../capped-diff";
import { UnknownRevisionError } from "../errors";
import type { CommitDiff, ReadLimit } from "../types";
import { hgCapped } from "./capped";
import { resolve } from "./resolve";

/** One changeset and its diff against its first parent (`hg diff --git -c`). */
export async function commit(
  dir: string,
  rev: string,
  { maxBytes }: ReadLimit,
): Promise<CommitDiff> {
  const summary = await resolve(dir, rev);
  if (!summary) throw new UnknownRevisionError(rev);
  const { stdout, truncated } = await hgCapped(
    ["diff", "-R", absolute(dir), "--git", "-c", summary.id],
    maxBytes,
  );
  return { commit: summary, ...readCappedDiff(stdout.toString("utf8"), truncated) };
}
