/**
 * The merge request's conversation: its description, then every comment in the order they
 * were published, the inline ones too, each saying which line of which revision it is on with
 * a link to it in the diff, and the form to add one.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { Comment } from "@/lib/generated/prisma/client";
import type { InlineComment } from "@/lib/forge/merge-requests/view";
import { CommentForm } from "@/components/forge/comment-form";
import { CommentView } from "@/components/forge/comment-view";
import type { FormAction, FormState } from "@/lib/http/form-state";

export function MergeRequestConversation({
  bodyHtml,
  discussion,
  inline,
  inlineHref,
  outdated,
  mergeRequestId,
  signedIn,
  mayComment = signedIn,
  lockedNote,
  commentTools,
  commentBadge,
  commentAction,
}: {
  bodyHtml: string;
  discussion: readonly Comment[];
  inline: readonly InlineComment[];
  /** Where an inline comment is in the diff. */
  inlineHref: (comment: InlineComment) => string;
  /** Ids of the inline comments whose line changed since they were written. */
  outdated?: ReadonlySet<string>;
  mergeRequestId: string;
  signedIn: boolean;
  /** False in a locked thread, for everyone but its maintainers. */
  mayComment?: boolean;
  /** Said where the comment form is, when the thread is locked. */
  lockedNote?: ReactNode;
  /** A maintainer's tools under each comment. */
  commentTools?: (comment: Comment) => ReactNode;
  /** What a comment says about the review (a verdict), shown above it. */
  commentBadge?: (comment: Comment) => ReactNode;
  commentAction: FormAction<FormState>;
}) {
  const entries = [
    ...discussion.map((comment) => ({ comment, anchor: undefined })),
    ...inline,
  ].sort((a, b) => a.comment.published.getTime() - b.comment.published.getTime());
  return (
    <div className="space-y-5">
      {bodyHtml ? (
        <div
          className="prose-forge rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
          dangerouslySetInnerHTML={{ __html: bodyHtml }}
        />
      ) : null}
      <section aria-labelledby="discussion-heading" className="space-y-3">
        <h3 id="discussion-heading" className="font-semibold">
          Discussion
        </h3>
        {entries.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No comments yet.</p>
        ) : (
          <ol className="space-y-3" data-testid="discussion">
            {entries.map((entry) => (
              <li key={entry.comment.id} className="space-y-1">
                {entry.anchor ? (
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    On{" "}
                    <Link
                      href={inlineHref(entry as InlineComment)}
                      className="font-mono text-accent-600 underline dark:text-accent-300"
                    >
                      {entry.anchor.file}:{entry.anchor.line}
                    </Link>
                    {entry.anchor.side === "old" ? " (a removed line)" : null} · revision{" "}
                    {entry.anchor.revision}
                    {outdated?.has(entry.comment.id) ? (
                      <>
                        {" "}
                        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
                          Outdated
                        </span>
                      </>
                    ) : null}
                  </p>
                ) : null}
                {commentBadge?.(entry.comment)}
                <CommentView comment={entry.comment}>{commentTools?.(entry.comment)}</CommentView>
              </li>
            ))}
          </ol>
        )}
        {lockedNote}
        {!signedIn ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Sign in to take part.</p>
        ) : mayComment ? (
          <CommentForm
            action={commentAction}
            hidden={{ mergeRequestId }}
            label="Add a comment"
            submitLabel="Comment"
          />
        ) : null}
      </section>
    </div>
  );
}
