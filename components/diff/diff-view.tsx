/**
 * The diff viewer of the merge-request page (a server component): a summary of the changed
 * files, then each file with its hunks, syntax-highlighted, in unified or split layout, with
 * comment threads under their lines and, for reviewers, a "+" button per line that opens a
 * comment form there. With `loadFile`, only the first screens' files are rendered at once.
 *
 *   <DiffView
 *     files={composeFileDiffs(changesets.map((c) => c.files))}
 *     mode={view === "split" ? "split" : "unified"}
 *     comments={threads.map((t) => ({ anchor: t.anchor, id: t.domId, node: <Thread {...t} /> }))}
 *     commentForm={canReview ? { action, hidden: { mergeRequestId }, submitLabel: "Comment" } : undefined}
 *     loadFile={loadFileAction.bind(null, { projectId, mergeRequestId, revision })}
 *   />
 *
 * Needs components/diff/diff.css (row colours, highlight.js tokens).
 */
import type { ReactNode } from "react";
import { anchorKey, type LineComment } from "./anchor";
import { Counts, DiffFile, DiffFileBody, type FileLink } from "./diff-file";
import { DiffTargets } from "./diff-targets";
import { highlightHunk, languageFor, MAX_HIGHLIGHT_LINES } from "./highlight";
import type { LoadDiffFile } from "./lazy-diff-file";
import { LineCommentToggle, type LineCommentFormSpec } from "./line-comment-toggle";
import { fileLineCounts } from "@/lib/scm/line-counts";
import { displayPath, totalStats, type ViewFile } from "./rows";
import { UnifiedWhenNarrow } from "./unified-when-narrow";

/**
 * Highlighting budget for one view. Past it, files show as plain text: a page with a huge
 * series should render fast before it renders in colour.
 */
export const MAX_VIEW_HIGHLIGHT_LINES = 20_000;

/**
 * With a loader, the files whose rows are in the page at once: files are taken in order while
 * fewer than this many lines are (about three screens); the others load as the reader scrolls
 * near them. Each row eagerly rendered is in the page twice (HTML and RSC payload): at 300 a
 * 2,000-line diff's page cost 4.3× the sign-in page (bench/RESULTS.md: page-load).
 */
export const EAGER_LINES = 150;

/**
 * Files past this many get no header at all: a hostile patch of 100,000 one-line files would
 * otherwise make a page of 100,000 headers. The .patch download has them all.
 */
export const MAX_SHOWN_FILES = 1000;

export interface DiffViewProps {
  readonly files: readonly ViewFile[];
  readonly mode?: "unified" | "split";
  /** Rendered comment threads; each is shown in a full-width row under its line. */
  readonly comments?: readonly LineComment[];
  /**
   * For reviewers who may comment: what the form of a line posts. Given, every line gets a "+"
   * button ("Comment on line N of FILE") that opens a form under it, made in the browser.
   */
  readonly commentForm?: LineCommentFormSpec;
  /**
   * Loads the rows of one file (a server action). Given, only the first screens of files are
   * rendered here; the others are headers whose rows load when opened or scrolled near.
   */
  readonly loadFile?: LoadDiffFile;
  /** Prefix of the DOM ids, unique per page when a page shows more than one DiffView. */
  readonly idPrefix?: string;
  /** The accessible name of the whole view. */
  readonly label?: string;
  /** A link from a file's header into the code browser, if any: where to, and its words. */
  readonly fileLink?: (file: ViewFile) => FileLink | undefined;
}

export function DiffView({
  files: allFiles,
  mode = "unified",
  comments = [],
  commentForm,
  loadFile,
  idPrefix = "diff",
  label = "Changes",
  fileLink,
}: DiffViewProps) {
  const files = allFiles.slice(0, MAX_SHOWN_FILES);
  const threads = groupComments(comments);
  const budget = { lines: MAX_VIEW_HIGHLIGHT_LINES };
  const ids = files.map((_, index) => diffFileId(idPrefix, index));
  const eager = loadFile ? eagerCount(files) : files.length;
  const html = files.slice(0, eager).map((file) => highlightFile(file, budget));
  const layout = (layoutMode: "unified" | "split") => (
    <>
      <FileList files={files} ids={ids} total={allFiles.length} />
      {files.map((file, index) => (
        <DiffFile
          key={ids[index]}
          id={ids[index]!}
          file={file}
          link={fileLink?.(file)}
          body={
            index < eager || !loadFile ? (
              <DiffFileBody
                file={file}
                id={ids[index]!}
                mode={layoutMode}
                html={html[index]!}
                comments={threads}
                commentable={commentForm !== undefined}
              />
            ) : (
              {
                lazy: true,
                index,
                mode,
                load: loadFile,
                targets: targetsIn(file, comments),
              }
            )
          }
        />
      ))}
    </>
  );
  const body =
    mode === "split" ? (
      <UnifiedWhenNarrow split={layout("split")} unified={layout("unified")} />
    ) : (
      layout("unified")
    );
  return (
    <section aria-label={label} className="space-y-3">
      <DiffTargets />
      {commentForm ? (
        <LineCommentToggle form={commentForm}>
          <div className="space-y-3">{body}</div>
        </LineCommentToggle>
      ) : (
        body
      )}
    </section>
  );
}

/**
 * The rows of one file loaded after the page (see `loadFile`): its own highlighting budget,
 * and both layouts when split, as DiffView does.
 */
export function LoadedDiffFileBody({
  file,
  index,
  mode,
  comments = [],
  commentable,
  idPrefix = "diff",
}: {
  file: ViewFile;
  index: number;
  mode: "unified" | "split";
  comments?: readonly LineComment[];
  commentable: boolean;
  idPrefix?: string;
}) {
  const html = highlightFile(file, { lines: MAX_VIEW_HIGHLIGHT_LINES });
  const threads = groupComments(comments);
  const id = diffFileId(idPrefix, index);
  const table = (layoutMode: "unified" | "split") => (
    <DiffFileBody
      file={file}
      id={id}
      mode={layoutMode}
      html={html}
      comments={threads}
      commentable={commentable}
    />
  );
  return mode === "split" ? (
    <UnifiedWhenNarrow split={table("split")} unified={table("unified")} />
  ) : (
    table("unified")
  );
}

function diffFileId(idPrefix: string, index: number): string {
  return `${idPrefix}-file-${index}`;
}

/** How many files from the start make the first screens: at least one. */
function eagerCount(files: readonly ViewFile[]): number {
  let lines = 0;
  let count = 0;
  while (count < files.length && (count === 0 || lines < EAGER_LINES)) {
    lines += lineCount(files[count]!);
    count++;
  }
  return count;
}

function lineCount(file: ViewFile): number {
  return file.hunks.reduce((sum, hunk) => sum + hunk.lines.length, 0);
}

/** The ids of the comments on a file's lines, which links may point to before it is loaded. */
function targetsIn(file: ViewFile, comments: readonly LineComment[]): string[] {
  return comments
    .filter(
      ({ anchor, id }) => id && (anchor.file === file.newPath || anchor.file === file.oldPath),
    )
    .map(({ id }) => id!);
}

function FileList({
  files,
  ids,
  total,
}: {
  files: readonly ViewFile[];
  ids: readonly string[];
  total: number;
}) {
  if (files.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes.</p>;
  }
  return (
    <nav aria-label="Changed files" className="text-sm">
      <p className="mb-1 flex flex-wrap items-baseline gap-x-3">
        <span className="font-medium">
          {files.length} {files.length === 1 ? "file" : "files"} changed
        </span>
        <Counts {...totalStats(files)} />
      </p>
      <ul className="max-h-64 space-y-0.5 overflow-y-auto">
        {files.map((file, index) => (
          <li key={ids[index]} className="flex items-baseline gap-2">
            <a
              href={`#${ids[index]}`}
              className="min-w-0 truncate font-mono text-xs text-accent-600 hover:underline dark:text-accent-300"
            >
              {displayPath(file)}
            </a>
            <Counts {...fileLineCounts(file)} />
          </li>
        ))}
      </ul>
      {total > files.length ? (
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          Showing the first {files.length.toLocaleString("en")} of {total.toLocaleString("en")}{" "}
          files; download the patch to see them all.
        </p>
      ) : null}
    </nav>
  );
}

function groupComments(comments: readonly LineComment[]): Map<string, ReactNode[]> {
  const byKey = new Map<string, ReactNode[]>();
  for (const { anchor, node } of comments) {
    const key = anchorKey(anchor);
    byKey.set(key, [...(byKey.get(key) ?? []), node]);
  }
  return byKey;
}

/** Per-hunk safe HTML of a file, plain once the file or the view's budget is too big. */
function highlightFile(file: ViewFile, budget: { lines: number }): string[][] {
  const lines = lineCount(file);
  const path = displayPath(file);
  let language = file.language === undefined ? languageFor(path) : file.language;
  if (lines > MAX_HIGHLIGHT_LINES || lines > budget.lines) language = null;
  else if (language) budget.lines -= lines;
  return file.hunks.map((hunk) => highlightHunk(path, hunk, language));
}
