/**
 * One file of a diff: a `<details>` whose summary is the file header. Big, binary and deleted
 * files start closed so they do not bury the rest; opening the details is "Load diff". The rows
 * are in the page already, or, for files past the first screens of a long diff, fetched when
 * the file is opened or scrolled near (LazyDiffFile).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { LineCounts } from "@/lib/scm/line-counts";
import type { FileStatus } from "@/lib/scm/types";
import { DiffTable } from "./diff-table";
import { LazyDiffFile, type LoadDiffFile } from "./lazy-diff-file";
import { fileLineCounts } from "@/lib/scm/line-counts";
import { collapseReason, displayPath, type ViewFile } from "./rows";

const STATUS_STYLES: Record<FileStatus, string> = {
  added: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  deleted: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  modified: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  renamed: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  copied: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
};

export interface DiffFileProps {
  readonly file: ViewFile;
  /** DOM id of the `<details>`, the target of the file list's links. */
  readonly id: string;
  /** The rows (DiffFileBody), or how to load them once wanted. */
  readonly body: ReactNode | LazyBody;
  /** The file in the code browser, linked from the header. */
  readonly link?: FileLink;
}

/** A file whose rows are fetched when wanted (LazyDiffFile). */
export interface LazyBody {
  readonly lazy: true;
  readonly index: number;
  readonly mode: "unified" | "split";
  readonly load: LoadDiffFile;
  readonly targets: readonly string[];
}

export interface FileLink {
  readonly href: string;
  /** Visible words, e.g. "View file"; the accessible name adds the path. */
  readonly text: string;
}

export function DiffFile({ file, id, body, link }: DiffFileProps) {
  const reason = collapseReason(file);
  const path = displayPath(file);
  const lazy = isLazy(body) ? body : undefined;
  const summary = (
    <summary
      className={`flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-900 ${link ? "pr-28" : ""}`}
    >
      <FileHeader file={file} />
      {reason || lazy ? (
        <span className="diff-load text-zinc-600 dark:text-zinc-400">
          {reason ? `${reason} · ` : null}
          <span className="font-medium text-accent-600 underline dark:text-accent-300">
            {reason ? "Load diff" : "Show file"}
          </span>
        </span>
      ) : null}
    </summary>
  );
  const details = lazy ? (
    <LazyDiffFile
      id={id}
      index={lazy.index}
      mode={lazy.mode}
      load={lazy.load}
      onScroll={!reason}
      targets={lazy.targets}
      summary={summary}
    />
  ) : (
    <details
      id={id}
      open={!reason}
      className="diff-file overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
    >
      {summary}
      {/* Focusable: a reader without comment buttons scrolls wide lines with the keyboard. */}
      <div
        tabIndex={0}
        className="diff-body overflow-x-auto border-t border-zinc-200 dark:border-zinc-800"
      >
        {body as ReactNode}
      </div>
    </details>
  );
  if (!link) return details;
  // Beside the summary, not in it: a link inside a summary is a control inside a control.
  return (
    <div className="relative">
      {details}
      <Link
        href={link.href}
        className="absolute top-2 right-3 text-xs text-accent-600 underline dark:text-accent-300"
        aria-label={`${link.text}: ${path}`}
      >
        {link.text}
      </Link>
    </div>
  );
}

function isLazy(body: ReactNode | LazyBody): body is LazyBody {
  return typeof body === "object" && body !== null && "lazy" in body;
}

/** A file's rows: its table, or a sentence when it has none (binary, renamed, empty). */
export function DiffFileBody({
  file,
  id,
  mode,
  html,
  comments,
  commentable,
}: {
  file: ViewFile;
  id: string;
  mode: "unified" | "split";
  html: readonly (readonly string[])[];
  comments: ReadonlyMap<string, readonly ReactNode[]>;
  commentable: boolean;
}) {
  if (file.hunks.length === 0) {
    return (
      <p className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">{emptyMessage(file)}</p>
    );
  }
  return (
    <DiffTable
      file={file}
      mode={mode}
      caption={`Changes to ${displayPath(file)}`}
      html={html}
      comments={comments}
      commentable={commentable}
      slotPrefix={id}
    />
  );
}

function FileHeader({ file }: { file: ViewFile }) {
  const moved = file.status === "renamed" || file.status === "copied";
  const modeChanged = file.oldMode && file.newMode && file.oldMode !== file.newMode;
  return (
    <>
      <span className="min-w-0 font-mono break-all">
        {moved ? (
          <>
            {file.oldPath} <span aria-hidden="true">→</span>
            <span className="sr-only">{file.status} to</span> {file.newPath}
          </>
        ) : (
          displayPath(file)
        )}
      </span>
      <span
        className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[file.status]}`}
      >
        {file.badge ?? file.status}
        {moved && file.similarity !== undefined && file.similarity < 100
          ? ` (${file.similarity}% similar)`
          : null}
      </span>
      {file.binary ? <Tag>binary</Tag> : null}
      {modeChanged ? (
        <Tag>
          mode {file.oldMode} <span aria-hidden="true">→</span>
          <span className="sr-only">to</span> {file.newMode}
        </Tag>
      ) : null}
      <Counts {...fileLineCounts(file)} />
    </>
  );
}

function Tag({ children }: { children: ReactNode }) {
  return (
    <span className="rounded-md border border-zinc-300 px-1.5 py-0.5 text-xs text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
      {children}
    </span>
  );
}

/** `+3 −1`, read out as words. */
export function Counts({ added, removed }: LineCounts) {
  return (
    <span className="font-mono text-xs tabular-nums">
      <span aria-hidden="true">
        <span className="text-green-700 dark:text-green-400">+{added}</span>{" "}
        <span className="text-red-700 dark:text-red-400">−{removed}</span>
      </span>
      <span className="sr-only">
        {added} {added === 1 ? "line" : "lines"} added, {removed} removed
      </span>
    </span>
  );
}

function emptyMessage(file: ViewFile): string {
  if (file.binary) {
    const chunk = file.binaryPatch?.forward;
    return chunk?.method === "literal"
      ? `Binary file not shown (${chunk.size.toLocaleString("en")} bytes).`
      : "Binary file not shown.";
  }
  if (file.status === "renamed") return "File renamed without changes.";
  if (file.status === "copied") return "File copied without changes.";
  if (file.status === "added") return "Empty file added.";
  if (file.status === "deleted") return "Empty file deleted.";
  if (file.oldMode !== file.newMode) return "Only the file mode changed.";
  return "No changes to show.";
}
