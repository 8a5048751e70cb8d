import type { Comment } from "@/lib/generated/prisma/client";
import { bareJid } from "@/lib/xmpp/jid";
import { type Resolution, resolutionOfRecord } from "./thread-codec";

/**
 * A merge request's comments as threads, flat like GitLab's: a comment and every reply to it or
 * to one of its replies. Only inline threads (those whose first comment points at a line) can
 * be resolved, as in Forgejo: general comments take replies but never block a merge.
 */
export interface CommentThread {
  readonly root: Comment;
  /** Oldest first; resolutions that counted are not among them (see `resolution`). */
  readonly replies: readonly Comment[];
  readonly resolvable: boolean;
  /** The latest resolution or reopening that counted, if any. */
  readonly resolution: ThreadResolution | undefined;
}

export interface ThreadResolution {
  readonly state: Resolution["state"];
  /** The entry's publisher as the service reported it. */
  readonly by: string;
  readonly at: Date;
}

/** Who may resolve: besides each thread's own author, the trusted facts of the merge request. */
export interface ResolutionRights {
  /** The merge request's first publisher, as the service reported it. */
  readonly mergeRequestAuthor: string;
  /** Lower-case bare JIDs (projects/affiliations.ts, projectMaintainers). */
  readonly maintainers: ReadonlySet<string>;
}

const person = (jid: string) => bareJid(jid).toLowerCase();

/**
 * Threads of `comments` (as the cache lists them, oldest first), in the order of their first
 * comments. Hostile input stays harmless: a reply to an unknown item, an item of another node
 * (the row's `replyTo` is then empty, see records.ts) or a resolution entry is a plain comment;
 * a cycle of replies is cut where it closes; a resolution counts only when its publisher is the
 * thread's author, the merge request's or a maintainer, and only for a resolvable thread.
 * Linear in the number of comments.
 */
export function buildThreads(
  comments: readonly Comment[],
  rights: ResolutionRights,
): CommentThread[] {
  const byId = new Map(comments.map((comment) => [comment.itemId, comment]));
  const resolutions = new Map(
    comments.flatMap((comment) => {
      const resolution = resolutionOfRecord(comment.resolution);
      return resolution ? [[comment.itemId, resolution] as const] : [];
    }),
  );
  const parentOf = (comment: Comment) => {
    const parent = comment.replyTo === null ? undefined : byId.get(comment.replyTo);
    return parent && !resolutions.has(parent.itemId) ? parent : undefined;
  };
  const roots = new Map<string, string>();
  const rootOf = (start: Comment): string => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current = start;
    let found: string;
    for (;;) {
      const known = roots.get(current.itemId);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (onPath.has(current.itemId)) {
        found = current.itemId;
        break;
      }
      path.push(current.itemId);
      onPath.add(current.itemId);
      const parent = parentOf(current);
      if (!parent) {
        found = current.itemId;
        break;
      }
      current = parent;
    }
    for (const id of path) roots.set(id, found);
    return found;
  };
  for (const comment of comments) rootOf(comment);

  type Building = {
    root: Comment;
    replies: Comment[];
    shown: boolean;
    resolution?: ThreadResolution;
  };
  const threads = new Map<string, Building>();
  for (const comment of comments) {
    if (roots.get(comment.itemId) === comment.itemId) {
      threads.set(comment.itemId, { root: comment, replies: [], shown: false });
    }
  }
  for (const comment of comments) {
    const resolution = resolutions.get(comment.itemId);
    const target = resolution && byId.get(resolution.thread);
    const resolved = target && threads.get(roots.get(target.itemId)!);
    if (
      resolved &&
      isResolvable(resolved.root) &&
      mayResolve(comment.publisher, resolved.root, rights)
    ) {
      // Oldest first: the latest that counts is the one left.
      resolved.resolution = {
        state: resolution.state,
        by: comment.publisher,
        at: comment.published,
      };
      continue;
    }
    const thread = threads.get(roots.get(comment.itemId)!)!;
    if (thread.root === comment) thread.shown = true;
    else thread.replies.push(comment);
  }
  return [...threads.values()]
    .filter((thread) => thread.shown)
    .map(({ root, replies, resolution }) => ({
      root,
      replies,
      resolvable: isResolvable(root),
      resolution,
    }));
}

/** Whether a resolution published by `publisher` counts for the thread that `root` starts. */
export function mayResolve(publisher: string, root: Comment, rights: ResolutionRights): boolean {
  const who = person(publisher);
  return (
    who !== "" &&
    (who === person(root.publisher) ||
      who === person(rights.mergeRequestAuthor) ||
      rights.maintainers.has(who))
  );
}

function isResolvable(root: Comment): boolean {
  return (
    root.anchorFile !== null &&
    root.anchorSide !== null &&
    root.anchorLine !== null &&
    root.event === null &&
    root.resolution === null
  );
}

export const isResolved = (thread: CommentThread) => thread.resolution?.state === "resolved";

/** The resolvable threads nobody entitled has resolved, in order. */
export function unresolvedThreads(threads: readonly CommentThread[]): CommentThread[] {
  return threads.filter((thread) => thread.resolvable && !isResolved(thread));
}
