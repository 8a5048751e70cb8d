import { listComments } from "@/lib/cache/comments";
import type { Comment } from "@/lib/generated/prisma/client";
import { perChange } from "@/lib/forge/per-change";

/** Threads kept: a long one holds a few hundred KB. */
const threadsPerChange = perChange<Comment[]>(64);

/**
 * The entries of a comments node a project shows (lib/cache/comments.ts), oldest first: a
 * thread is read once per change of its project (a comment, a block, a lock) rather than on
 * every view of its ticket. The rows are shared between requests: read them, never change them.
 */
export function threadEntries(
  projectId: string,
  service: string,
  node: string,
): Promise<Comment[]> {
  return threadsPerChange(projectId, `${service}\n${node}`, () =>
    listComments(projectId, service, node),
  );
}
