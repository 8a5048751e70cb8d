import { createHash } from "node:crypto";

/**
 * Where a merge request's revision is kept as commits in the project's Git repository, out of
 * sight of clones (`refs/pubforge/…` is neither a branch nor a tag): a push to
 * `refs/for/<branch>` leaves its commits there, and a merge builds on them. Item ids come from
 * the federation, so the name holds a digest of the id, never the id itself.
 */
export function revisionRef(mergeRequestItemId: string, revision: number): string {
  return `${revisionRefPrefix(mergeRequestItemId)}${revision}`;
}

export function revisionRefPrefix(mergeRequestItemId: string): string {
  const digest = createHash("sha256").update(mergeRequestItemId).digest("hex").slice(0, 24);
  return `refs/pubforge/merge-requests/${digest}/`;
}
