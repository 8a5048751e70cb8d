/**
 * The merge request's conversation: its description, then every thread in the order its first
 * comment was published, the inline ones too, each saying which line of which revision it is
 * on with a link to it in the diff, and the form to add a comment.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { CommentThread } from "@/lib/forge/comments/threads";
import type { Comment } from "@/lib/generated/prisma/client";
import type { InlineComment } from "@/lib/forge/merge-requests/view";
import { CommentForm } from "@/components/forge/comment-form";
import {
  CommentThreadView,
  threadDomId,
  type ThreadTools,
} from "@/components/forge/comment-thread";
import type { FormAction, FormState } from "@/lib/http/form-state";

export function MergeRequestConversation({
  bodyHtml,
  threads,
  inline,
  inlineHref,
  mergeRequestId,
  signedIn,
  mayComment = signedIn,
  lockedNote,
  threadTools,
  commentBadge,
  outdated,
  commentAction,
}: {
  bodyHtml: string;
  threads: readonly CommentThread[];
  /** The inline comments, for the anchors of the threads they start. */
  inline: readonly InlineComment[];
  /** Where an inline comment is in the diff. */
  inlineHref: (comment: InlineComment) => string;
  mergeRequestId: string;
  signedIn: boolean;
  /** False in a locked thread, for everyone but its maintainers. */
  mayComment?: boolean;
  /** Said where the comment form is, when the thread is locked. */
  lockedNote?: ReactNode;
  /** Reply, resolve and moderation, for those signed in. */
  threadTools?: ThreadTools;
  /** What a comment says about the review (a verdict), shown above it. */
  commentBadge?: (comment: Comment) => ReactNode;
  /** Ids of the inline comments whose line changed since they were written. */
  outdated?: ReadonlySet<string>;
  commentAction: FormAction<FormState>;
}) {
  const anchors = new Map(inline.map((entry) => [entry.comment.id, entry]));
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
        {threads.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No comments yet.</p>
        ) : (
          <ol className="space-y-3" data-testid="discussion">
            {threads.map((thread) => {
              const anchored = anchors.get(thread.root.id);
              return (
                <li key={thread.root.id}>
                  <CommentThreadView
                    id={threadDomId(thread)}
                    thread={thread}
                    tools={threadTools}
                    badge={commentBadge}
                    heading={
                      anchored ? (
                        <AnchorLine
                          entry={anchored}
                          href={inlineHref(anchored)}
                          outdated={outdated?.has(anchored.comment.id) ?? false}
                        />
                      ) : null
                    }
                  />
                </li>
              );
            })}
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

function AnchorLine({
  entry: { anchor },
  href,
  outdated,
}: {
  entry: InlineComment;
  href: string;
  outdated: boolean;
}) {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      On{" "}
      <Link href={href} className="font-mono text-accent-600 underline dark:text-accent-300">
        {anchor.file}:{anchor.line}
      </Link>
      {anchor.side === "old" ? " (a removed line)" : null} · revision {anchor.revision}
      {outdated ? (
        <>
          {" "}
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
            Outdated
          </span>
        </>
      ) : null}
    </p>
  );
}
