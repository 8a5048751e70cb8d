import { listComments } from "@/lib/cache/comments";
import { findProject } from "@/lib/cache/projects";
import { setUnresolvedThreads } from "@/lib/cache/merge-requests";
import type { Comment, MergeRequest } from "@/lib/generated/prisma/client";
import { connectedInstance } from "@/lib/forge/federation/instance-account";
import { projectMaintainers } from "@/lib/forge/projects/affiliations";
import {
  buildThreads,
  type CommentThread,
  type ResolutionRights,
  unresolvedThreads,
} from "@/lib/forge/comments/threads";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";

export type ThreadedRequest = Pick<
  MergeRequest,
  "id" | "projectId" | "commentsUri" | "firstPublisher"
>;

/**
 * Who may resolve a merge request's threads, as this instance trusts it: its first publisher
 * as the service reported it, and the project's maintainers (projectMaintainers: the service's
 * list on the instance's own service, else the info item's publisher).
 */
export async function resolutionRights(request: ThreadedRequest): Promise<ResolutionRights> {
  const project = await findProject(request.projectId);
  const maintainers = project
    ? await projectMaintainers(project, connectedInstance())
    : new Set<string>();
  return { mergeRequestAuthor: request.firstPublisher, maintainers };
}

/** The threads of a merge request's comments as the project shows them (`comments` if given). */
export async function mergeRequestThreads(
  request: ThreadedRequest,
  comments?: Comment[],
): Promise<CommentThread[]> {
  const at = parseXmppUri(request.commentsUri);
  const listed =
    comments ?? (at?.node ? await listComments(request.projectId, at.jid, at.node) : []);
  return buildThreads(listed, await resolutionRights(request));
}

/**
 * Counts the unresolved threads again into the merge request's row, for lists: after each
 * change of its comments (comments/sync.ts), and whenever the page finds the count stale.
 */
export async function recountUnresolvedThreads(request: ThreadedRequest): Promise<number> {
  const count = unresolvedThreads(await mergeRequestThreads(request)).length;
  await setUnresolvedThreads(request.id, count);
  return count;
}

/**
 * The threads a merge request's page shows, who may resolve them, and the unresolved ones;
 * the list's cached count is set again when it disagrees (maintainers changed since, say).
 */
export async function threadsForPage(
  request: ThreadedRequest & Pick<MergeRequest, "unresolvedThreads">,
  comments: Comment[],
) {
  const rights = await resolutionRights(request);
  const threads = buildThreads(comments, rights);
  const unresolved = unresolvedThreads(threads);
  if (unresolved.length !== request.unresolvedThreads) {
    await setUnresolvedThreads(request.id, unresolved.length);
  }
  return { threads, rights, unresolved };
}
