/**
 * The diff viewer of the merge-request page (a server component): a summary of the changed
 * files, then each file with its hunks, syntax-highlighted, in unified or split layout, with
 * comment threads under their lines and, for reviewers, a "+" button per line that opens the
 * page's comment form there.
 *
 *   <DiffView
 *     files={composeFileDiffs(changesets.map((c) => c.files))}
 *     mode={view === "split" ? "split" : "unified"}
 *     comments={threads.map((t) => ({ anchor: t.anchor, node: <Thread {...t} /> }))}
 *     renderCommentForm={canReview ? (anchor) => <LineCommentForm anchor={anchor} /> : undefined}
 *   />
 *
 * Needs components/diff/diff.css (row colours, highlight.js tokens).
 */
import type { ReactNode } from "react";
import { anchorKey, lineAnchor, type Anchor, type LineComment } from "./anchor";
import { Counts, DiffFile, type FileLink } from "./diff-file";
import { highlightHunk, languageFor, MAX_HIGHLIGHT_LINES } from "./highlight";
import { LineCommentToggle } from "./line-comment-toggle";
import { fileLineCounts } from "@/lib/scm/line-counts";
import { displayPath, totalStats, type ViewFile } from "./rows";
import { UnifiedWhenNarrow } from "./unified-when-narrow";

/**
 * Highlighting budget for one view. Past it, files show as plain text: a page with a huge
 * series should render fast before it renders in colour.
 */
export const MAX_VIEW_HIGHLIGHT_LINES = 20_000;

export interface DiffViewProps {
  readonly files: readonly ViewFile[];
  readonly mode?: "unified" | "split";
  /** Rendered comment threads; each is shown in a full-width row under its line. */
  readonly comments?: readonly LineComment[];
  /**
   * For reviewers who may comment: the form for a line. Given, every line gets a "+" button
   * ("Comment on line N of FILE") that shows the form under it. Called once per line on the
   * server, but only opened forms reach the DOM.
   */
  readonly renderCommentForm?: (anchor: Anchor) => ReactNode;
  /** Prefix of the DOM ids, unique per page when a page shows more than one DiffView. */
  readonly idPrefix?: string;
  /** The accessible name of the whole view. */
  readonly label?: string;
  /** A link from a file's header into the code browser, if any: where to, and its words. */
  readonly fileLink?: (file: ViewFile) => FileLink | undefined;
}

export function DiffView({
  files,
  mode = "unified",
  comments = [],
  renderCommentForm,
  idPrefix = "diff",
  label = "Changes",
  fileLink,
}: DiffViewProps) {
  const threads = groupComments(comments);
  const budget = { lines: MAX_VIEW_HIGHLIGHT_LINES };
  const ids = files.map((_, index) => `${idPrefix}-file-${index}`);
  const html = files.map((file) => highlightFile(file, budget));
  const layout = (layoutMode: "unified" | "split") => (
    <>
      <FileList files={files} ids={ids} />
      {files.map((file, index) => (
        <DiffFile
          key={ids[index]}
          id={ids[index]!}
          file={file}
          mode={layoutMode}
          html={html[index]!}
          comments={threads}
          commentable={renderCommentForm !== undefined}
          link={fileLink?.(file)}
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
      {renderCommentForm ? (
        <LineCommentToggle forms={commentForms(files, renderCommentForm)}>
          <div className="space-y-3">{body}</div>
        </LineCommentToggle>
      ) : (
        body
      )}
    </section>
  );
}

function FileList({ files, ids }: { files: readonly ViewFile[]; ids: readonly string[] }) {
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
  const lines = file.hunks.reduce((sum, hunk) => sum + hunk.lines.length, 0);
  const path = displayPath(file);
  let language = file.language === undefined ? languageFor(path) : file.language;
  if (lines > MAX_HIGHLIGHT_LINES || lines > budget.lines) language = null;
  else if (language) budget.lines -= lines;
  return file.hunks.map((hunk) => highlightHunk(path, hunk, language));
}

function commentForms(
  files: readonly ViewFile[],
  render: (anchor: Anchor) => ReactNode,
): Record<string, ReactNode> {
  const forms: Record<string, ReactNode> = {};
  for (const file of files) {
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        const anchor = lineAnchor(file, line);
        if (!anchor) continue;
        const key = anchorKey(anchor);
        if (!Object.hasOwn(forms, key)) forms[key] = render(anchor);
      }
    }
  }
  return forms;
}
