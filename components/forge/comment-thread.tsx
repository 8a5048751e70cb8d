/**
 * One thread of a merge request: its first comment and its replies, flat; resolved threads
 * folded into a disclosure saying who resolved them (a native `<details>`, so Enter and Space
 * open it), and the thread's buttons for those signed in.
 */
import type { ReactNode } from "react";
import type { Comment } from "@/lib/generated/prisma/client";
import { isResolved, type CommentThread } from "@/lib/forge/comments/threads";
import { CommentView } from "@/components/forge/comment-view";
import { HIDE_SUGGESTION_CODE } from "@/components/forge/suggestion-view";
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
  badge,
  footer,
}: {
  thread: CommentThread;
  /** Said above the thread, inside its disclosure when folded (where it is in the diff). */
  heading?: ReactNode;
  tools?: ThreadTools;
  id?: string;
  /** Shown above a comment: what it says about the review (a verdict), for everyone. */
  badge?: (comment: Comment) => ReactNode;
  /** Shown under a comment: the buttons of the suggestions it makes, for whoever may apply them. */
  footer?: (comment: Comment) => ReactNode;
}) {
  const resolved = isResolved(thread);
  const one = (comment: Comment) => {
    const extra = footer?.(comment);
    // With its buttons, a suggestion is shown as a diff (suggestion-view.tsx), not as code.
    return (
      <div className={extra ? HIDE_SUGGESTION_CODE : undefined}>
        {badge?.(comment)}
        <CommentView comment={comment}>
          {tools?.commentTools?.(comment)}
          {extra}
        </CommentView>
      </div>
    );
  };
  const body = (
    <div className="space-y-2">
      {heading}
      {one(thread.root)}
      {thread.replies.length > 0 ? (
        <ol className="ml-6 space-y-2" aria-label="Replies">
          {thread.replies.map((reply) => (
            <li key={reply.id}>{one(reply)}</li>
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
