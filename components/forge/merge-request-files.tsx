/**
 * The "Files changed" tab: the combined diff of the shown revision's series (base → tip, each
 * file once), or one commit's own diff, or the interdiff of two revisions; with the revision,
 * commit and layout pickers. Inline comments live on the combined diff, numbered as it is.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import { unplacedComments, type LineComment } from "@/components/diff/anchor";
import type { FileLink } from "@/components/diff/diff-file";
import { DiffView } from "@/components/diff/diff-view";
import type { ViewFile } from "@/components/diff/rows";
import { interdiff } from "@/components/diff/interdiff";
import type { LoadDiffFile } from "@/components/diff/lazy-diff-file";
import { CommentView } from "@/components/forge/comment-view";
import { OutdatedComments } from "@/components/forge/outdated-comments";
import type { OutdatedComment } from "@/lib/forge/merge-requests/comment-positions";
import { HIDE_SUGGESTION_CODE } from "@/components/forge/suggestion-view";
import type { Comment } from "@/lib/generated/prisma/client";
import { CommentThreadView, type ThreadTools } from "@/components/forge/comment-thread";
import type { CommentThread } from "@/lib/forge/comments/threads";
import { Alert } from "@/components/ui/alert";
import {
  inlineCommentId,
  type InlineComment,
  type ParsedRevision,
} from "@/lib/forge/merge-requests/view";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** The page's query parameters this tab reads. */
export type FilesSearch = {
  rev?: string;
  compare?: string;
  view?: string;
  commit?: string;
};

const pill =
  "rounded-md border border-zinc-300 px-2 py-0.5 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:border-zinc-700 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900";

export function MergeRequestFiles({
  revisions,
  parsed,
  compared,
  search,
  link,
  inline,
  outdated = [],
  threads,
  threadTools,
  mergeRequestId,
  signedIn,
  commentAction,
  loadFile,
  fileLink,
  commentFooter,
  beforeDiff,
}: {
  revisions: readonly number[];
  parsed: ParsedRevision | undefined;
  compared: ParsedRevision | undefined;
  search: FilesSearch;
  /** This tab's URL with some parameters changed (undefined removes one). */
  link: (change: FilesSearch) => string;
  /** The inline comments on the shown revision's lines (carried there from older ones too). */
  inline: readonly InlineComment[];
  /** Those whose line changed or vanished since the revision they were written on. */
  outdated?: readonly OutdatedComment[];
  threads: readonly CommentThread[];
  threadTools?: ThreadTools;
  mergeRequestId: string;
  signedIn: boolean;
  commentAction: FormAction<FormState>;
  /** Loads a file of the shown revision's combined diff past the first screens. */
  loadFile?: LoadDiffFile;
  /** Links from file headers into the code browser, when the project has a repository. */
  fileLink?: (file: ViewFile) => FileLink | undefined;
  /** Shown under an inline comment's text (its suggestion, say). */
  commentFooter?: CommentFooter;
  /** Shown above the combined diff (the suggestion batch form, say). */
  beforeDiff?: ReactNode;
}) {
  const mode = search.view === "split" ? "split" : "unified";
  const comparing = compared !== undefined;
  const commit = parsed?.ok ? parsed.changesets.find((c) => c.id === search.commit) : undefined;
  return (
    <div className="space-y-4">
      <nav aria-label="Revisions" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">Revision</span>
        {revisions.map((r) => (
          <Link
            key={r}
            href={link({ rev: String(r), compare: undefined, commit: undefined })}
            aria-current={r === parsed?.revision && !comparing ? "page" : undefined}
            className={pill}
          >
            {r}
          </Link>
        ))}
        {parsed
          ? revisions
              .filter((r) => r !== parsed.revision)
              .map((r) => (
                <Link
                  key={r}
                  href={link({ compare: String(r), commit: undefined })}
                  aria-current={compared?.revision === r ? "page" : undefined}
                  className="text-accent-600 underline aria-[current=page]:font-semibold dark:text-accent-300"
                >
                  Compare {r} → {parsed.revision}
                </Link>
              ))
          : null}
        <span className="ml-auto flex gap-2">
          {(["unified", "split"] as const).map((layout) => (
            <Link
              key={layout}
              href={link({ view: layout })}
              aria-current={mode === layout ? "true" : undefined}
              className="capitalize aria-[current=true]:font-semibold"
            >
              {layout}
            </Link>
          ))}
        </span>
      </nav>

      {parsed && !parsed.ok ? (
        <Alert>This revision&apos;s patch cannot be read: {parsed.reason}</Alert>
      ) : null}
      {compared && !compared.ok ? (
        <Alert>
          Revision {compared.revision}&apos;s patch cannot be read: {compared.reason}
        </Alert>
      ) : null}

      {parsed?.ok && compared?.ok ? (
        <section aria-labelledby="interdiff-heading" className="space-y-2">
          <h3 id="interdiff-heading" className="font-semibold" data-testid="interdiff-heading">
            Changes between revision {compared.revision} and {parsed.revision}
          </h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The code as revision {parsed.revision} leaves it, against revision {compared.revision}
            &apos;s.
          </p>
          <DiffView
            files={interdiff(compared.files, parsed.files)}
            mode={mode}
            idPrefix="interdiff"
            label="Interdiff"
          />
        </section>
      ) : parsed?.ok && !comparing ? (
        <>
          <nav aria-label="Commits to show" className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">Show</span>
            <Link
              href={link({ commit: undefined })}
              aria-current={commit ? undefined : "page"}
              className={pill}
            >
              All commits
            </Link>
            {parsed.changesets.map((c, index) => (
              <Link
                key={c.id}
                href={link({ commit: c.id })}
                aria-current={c === commit ? "page" : undefined}
                className={pill}
                title={c.message.split("\n")[0]}
              >
                <span className="sr-only">Commit {index + 1}: </span>
                <code className="text-xs">{c.id.slice(0, 7)}</code>
                <span className="sr-only"> {c.message.split("\n")[0]}</span>
              </Link>
            ))}
          </nav>
          {commit ? (
            <section aria-labelledby="commit-heading" className="space-y-2">
              <h3 id="commit-heading" className="font-semibold">
                Commit <code className="text-sm">{commit.id.slice(0, 12)}</code>:{" "}
                {commit.message.split("\n")[0]}
              </h3>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                This commit&apos;s own changes. Comments go on{" "}
                <Link
                  href={link({ commit: undefined })}
                  className="text-accent-600 underline dark:text-accent-300"
                >
                  all commits
                </Link>{" "}
                together.
              </p>
              <DiffView
                files={commit.files}
                mode={mode}
                idPrefix="commit"
                label="Changes in this commit"
                fileLink={fileLink}
              />
            </section>
          ) : (
            <>
              {beforeDiff}
              <UnplacedComments
                comments={unplacedComments(parsed.files, inline)}
                footer={commentFooter}
              />
              <OutdatedComments
                outdated={outdated}
                revisionHref={(r) =>
                  link({ rev: String(r), compare: undefined, commit: undefined })
                }
              />
              <DiffView
                files={parsed.files.map((file) =>
                  file.uncombined ? { ...file, badge: `${file.status}, not combined` } : file,
                )}
                mode={mode}
                fileLink={fileLink}
                comments={inlineThreads(inline, threads, threadTools, commentFooter)}
                loadFile={loadFile}
                commentForm={
                  signedIn
                    ? {
                        action: commentAction,
                        hidden: { mergeRequestId, anchorRevision: String(parsed.revision) },
                        submitLabel: "Comment",
                      }
                    : undefined
                }
              />
            </>
          )}
        </>
      ) : null}
    </div>
  );
}

/**
 * Inline threads as the diff shows them under their lines, with the ids links point to: each
 * inline comment that starts a thread, with its replies (which carry no anchor of their own).
 */
export function inlineThreads(
  inline: readonly InlineComment[],
  threads: readonly CommentThread[],
  tools?: ThreadTools,
  footer?: CommentFooter,
): LineComment[] {
  const byRoot = new Map(threads.map((thread) => [thread.root.id, thread]));
  return inline.flatMap(({ anchor, comment }) => {
    const thread = byRoot.get(comment.id);
    if (!thread) return [];
    return [
      {
        anchor,
        id: inlineCommentId(comment),
        node: (
          <CommentThreadView
            key={comment.id}
            id={inlineCommentId(comment)}
            thread={thread}
            tools={tools}
            footer={footer}
          />
        ),
      },
    ];
  });
}

/** What the page adds under an inline comment; null for nothing. */
export type CommentFooter = (comment: Comment) => ReactNode;

function InlineCommentView({ comment, footer }: { comment: Comment; footer?: CommentFooter }) {
  const extra = footer?.(comment);
  return (
    <div className={extra ? HIDE_SUGGESTION_CODE : undefined}>
      <CommentView comment={comment}>{extra}</CommentView>
    </div>
  );
}

/**
 * Inline comments on lines the combined diff does not show (made on another layout of the
 * series, say): listed above it rather than lost, where the conversation's links find them.
 */
function UnplacedComments({
  comments,
  footer,
}: {
  comments: readonly InlineComment[];
  footer?: CommentFooter;
}) {
  if (comments.length === 0) return null;
  return (
    <section aria-labelledby="unplaced-heading" className="space-y-2">
      <h3 id="unplaced-heading" className="text-sm font-semibold">
        Comments on lines this diff does not show
      </h3>
      <ol className="space-y-2">
        {comments.map(({ anchor, comment }) => (
          <li key={comment.id} id={inlineCommentId(comment)} className="scroll-mt-16 space-y-1">
            <p className="font-mono text-sm text-zinc-600 dark:text-zinc-400">
              {anchor.file}:{anchor.line}
              {anchor.side === "old" ? " (a removed line)" : null}
            </p>
            <InlineCommentView comment={comment} footer={footer} />
          </li>
        ))}
      </ol>
    </section>
  );
}
