/**
 * One file of a merge request's combined diff, for the page's files loaded after the first
 * screens (components/diff/lazy-diff-file.tsx): the same access check, revision, parse and
 * comment thread as the page itself, for one file index of that revision.
 */
import { z } from "zod";
import { listComments } from "@/lib/cache/comments";
import { findMergeRequest, listRevisions } from "@/lib/cache/merge-requests";
import { findThreadLock } from "@/lib/cache/moderation";
import type { Comment, MergeRequest, ThreadLock } from "@/lib/generated/prisma/client";
import { ForgeError } from "@/lib/forge/errors";
import { canViewProject } from "@/lib/forge/projects/access";
import type { Viewer } from "@/lib/forge/viewer";
import type { ComposedFile } from "@/lib/scm/compose-diffs";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { commentsOnRevision } from "./comment-positions";
import { parseRevision, splitComments, type InlineComment } from "./view";
import { resolutionRights } from "./threads";
import {
  buildThreads,
  type CommentThread,
  type ResolutionRights,
} from "@/lib/forge/comments/threads";

/** Which file: bound on the server into the page's loader, but checked again as it comes back. */
export const DiffFileRequestSchema = z.object({
  projectId: z.string().min(1).max(3000),
  mergeRequestId: z.string().min(1).max(3000),
  revision: z.number().int().positive(),
  index: z.number().int().min(0).max(1_000_000),
});
export type DiffFileRequest = z.infer<typeof DiffFileRequestSchema>;

/** A merge request's comment thread, its lock, and whether the viewer may comment in it. */
export async function mergeRequestThread(
  request: Pick<MergeRequest, "projectId" | "commentsUri">,
  viewer: Viewer | null,
): Promise<{ comments: Comment[]; lock: ThreadLock | null; mayComment: boolean }> {
  const at = parseXmppUri(request.commentsUri);
  const [comments, lock] = await Promise.all([
    at?.node ? listComments(request.projectId, at.jid, at.node) : [],
    at?.node ? findThreadLock(request.projectId, at.jid, at.node) : null,
  ]);
  const mayComment =
    viewer !== null && (!lock || (JSON.parse(lock.allowed) as string[]).includes(viewer.jid));
  return { comments, lock, mayComment };
}

export interface MergeRequestFile {
  readonly file: ComposedFile;
  /** The inline comments of this revision on this file's lines (old or new path). */
  readonly inline: InlineComment[];
  readonly threads: CommentThread[];
  readonly rights: ResolutionRights;
  readonly mayComment: boolean;
}

export async function mergeRequestFile(
  viewer: Viewer | null,
  input: unknown,
): Promise<MergeRequestFile> {
  const { projectId, mergeRequestId, revision, index } = DiffFileRequestSchema.parse(input);
  const gone = () => new ForgeError("item-gone", { item: "merge-request", where: "cache" });
  // The same answer for a project one may not see as for one that is not there.
  if (!(await canViewProject(projectId, viewer))) throw new ForgeError("project-gone");
  const request = await findMergeRequest(mergeRequestId);
  if (!request || request.projectId !== projectId) throw gone();
  const revisions = await listRevisions(request.id);
  const stored = revisions.find((r) => r.revision === revision);
  if (!stored) throw gone();
  const parsed = parseRevision(request.scm, stored);
  if (!parsed.ok) throw new ForgeError("unreadable-patch", { reason: parsed.reason });
  const file = parsed.files[index];
  if (!file) throw gone();
  const { comments, mayComment } = await mergeRequestThread(request, viewer);
  const positions = commentsOnRevision(
    request.scm,
    revisions,
    parsed,
    splitComments(comments).inline,
  );
  const inline = positions.current.filter(({ anchor }) =>
    anchor.side === "old" ? anchor.file === file.oldPath : anchor.file === file.newPath,
  );
  const rights = await resolutionRights(request);
  return { file, inline, threads: buildThreads(comments, rights), rights, mayComment };
}
