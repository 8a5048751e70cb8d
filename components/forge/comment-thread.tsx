/**
 * One thread of a merge request: its first comment and its replies, flat; resolved threads
 * folded into a disclosure saying who resolved them (a native `<details>`, so Enter and Space
 * open it), and the thread's buttons for those signed in.
 */
import type { ReactNode } from "react";
import type { Comment } from "@/lib/generated/prisma/client";
import { isResolved, type CommentThread } from "@/lib/forge/comments/threads";
import { CommentView } from "@/components/forge/comment-view";
import { ThreadActions, type ThreadActionsSpec } from "@/components/forge/thread-actions";
import { when } from "@/components/wiki/format";

/** What the page lets the viewer do with threads; undefined for those not signed in. */
export interface ThreadTools {
  readonly actions: ThreadActionsSpec;
  readonly mayReply: boolean;
  /** Whether the viewer's resolution of this thread would count. */
  readonly mayResolve: (thread: CommentThread) => boolean;
  /** A maintainer's tools under each comment. */
  readonly commentTools?: (comment: Comment) => ReactNode;
}

export function threadDomId(thread: Pick<CommentThread, "root">): string {
  return `thread-${thread.root.itemId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

export function CommentThreadView({
  thread,
  heading,
  tools,
  id,
}: {
  thread: CommentThread;
  /** Said above the thread, inside its disclosure when folded (where it is in the diff). */
  heading?: ReactNode;
  tools?: ThreadTools;
  id?: string;
}) {
  const resolved = isResolved(thread);
  const body = (
    <div className="space-y-2">
      {heading}
      <CommentView comment={thread.root}>{tools?.commentTools?.(thread.root)}</CommentView>
      {thread.replies.length > 0 ? (
        <ol className="ml-6 space-y-2" aria-label="Replies">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentView comment={reply}>{tools?.commentTools?.(reply)}</CommentView>
            </li>
          ))}
        </ol>
      ) : null}
      {thread.resolution?.state === "open" ? (
        <p className="ml-6 text-sm text-zinc-600 dark:text-zinc-400">
          Reopened by {thread.resolution.by} {when(thread.resolution.at)}
        </p>
      ) : null}
      {tools && (tools.mayReply || tools.mayResolve(thread)) ? (
        <ThreadActions
          commentId={thread.root.id}
          actions={tools.actions}
          mayReply={tools.mayReply}
          resolve={tools.mayResolve(thread) ? (resolved ? "open" : "resolved") : undefined}
        />
      ) : null}
    </div>
  );
  return (
    <div id={id} data-testid="thread" data-resolved={resolved} className="scroll-mt-16">
      {resolved ? (
        <details className="rounded-lg border border-zinc-200 dark:border-zinc-800">
          <summary className="cursor-pointer px-3 py-2 text-sm text-zinc-700 focus-visible:outline-2 focus-visible:outline-accent-600 dark:text-zinc-300">
            <span data-testid="thread-resolved">
              Resolved by {thread.resolution!.by} {when(thread.resolution!.at)}
            </span>{" "}
            · {1 + thread.replies.length} {thread.replies.length === 0 ? "comment" : "comments"}
          </summary>
          <div className="p-3">{body}</div>
        </details>
      ) : (
        body
      )}
    </div>
  );
}
