import type { Comment } from "@/lib/generated/prisma/client";
import { PersonLink } from "./person-link";
import { when } from "@/components/wiki/format";

/** One comment: who published it (the JID the service reports), when, and its sanitised body. */
export function CommentView({
  comment,
  children,
}: {
  comment: Comment;
  children?: React.ReactNode;
}) {
  return (
    <div
      data-testid="comment"
      className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="flex flex-wrap gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 text-sm dark:border-zinc-800 dark:bg-zinc-900">
        <span className="font-medium">
          <PersonLink who={comment.publisher || comment.authorName} />
        </span>
        <span className="text-zinc-600 dark:text-zinc-400">{when(comment.published)}</span>
        {comment.updated.getTime() !== comment.published.getTime() ? (
          <span className="text-zinc-600 dark:text-zinc-400">(edited)</span>
        ) : null}
      </div>
      <div
        className="prose-forge px-3 py-2"
        dangerouslySetInnerHTML={{ __html: comment.contentHtml }}
      />
      {children}
    </div>
  );
}
