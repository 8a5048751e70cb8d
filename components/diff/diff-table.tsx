/**
 * The table of one file's hunks, in unified or split layout. Server-rendered HTML only: the
 * comment buttons are plain `<button>`s that `LineCommentToggle` handles by delegation, and each
 * line's cells are one string of HTML (LineRowOf).
 *
 * Semantics: a caption names the file, a header row names the columns (visually hidden), each
 * hunk is a `<tbody>` whose `@@` line is a row-group header. Gutters are not selectable, so
 * selecting lines copies only code; the +/− markers carry hidden "added"/"removed" words,
 * since colour alone says nothing to a screen reader or to colour-blind readers.
 */
import { Fragment, type ReactNode } from "react";
import type { Hunk, HunkLine } from "@/lib/scm/types";
import { anchorKey, commentButtonLabel, lineAnchor, lineKey, type Anchor } from "./anchor";
import { escapeHtml } from "./highlight";
import { pairSplitRows, unifiedRows, type LineRow, type ViewFile } from "./rows";

export interface DiffTableProps {
  readonly file: ViewFile;
  readonly mode: "unified" | "split";
  /** The table's accessible name, e.g. "Changes to src/app.ts". */
  readonly caption: string;
  /** Safe HTML per hunk, per line (indexed like `hunk.lines`). */
  readonly html: readonly (readonly string[])[];
  /** Rendered comment threads by anchor key. */
  readonly comments: ReadonlyMap<string, readonly ReactNode[]>;
  /** Whether lines get a comment button. */
  readonly commentable: boolean;
  /** Unique DOM id prefix for this file's comment slots (and the file's line anchors). */
  readonly slotPrefix: string;
}

type Context = Omit<DiffTableProps, "mode" | "caption" | "html" | "slotPrefix">;

const HEADERS = {
  unified: ["Old line", "New line", "Change", "Code"],
  split: ["Old line", "Old change", "Old code", "New line", "New change", "New code"],
} as const;

export function DiffTable(props: DiffTableProps) {
  const { file, mode, caption, html, comments, commentable, slotPrefix } = props;
  const context: Context = { file, comments, commentable };
  const headers = HEADERS[mode];
  return (
    <table
      className={`diff-table diff-${mode} w-full font-mono`}
      data-old-path={file.oldPath}
      data-new-path={file.newPath}
      data-slot={slotPrefix}
    >
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        {headers.map((header) => (
          <col key={header} className={`diff-col-${header.split(" ").pop()!.toLowerCase()}`} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header} scope="col" className="p-0">
              <span className="sr-only">{header}</span>
            </th>
          ))}
        </tr>
      </thead>
      {file.hunks.map((hunk, h) => (
        <tbody key={h}>
          <HunkHeader hunk={hunk} columns={headers.length} />
          {mode === "unified"
            ? unifiedRows(hunk).map((row) => (
                <UnifiedLine
                  key={row.index}
                  row={row}
                  html={html[h]?.[row.index] ?? ""}
                  {...context}
                />
              ))
            : pairSplitRows(hunk).map((row) => (
                <SplitLine
                  key={`${row.left?.index ?? ""}-${row.right?.index ?? ""}`}
                  left={row.left}
                  right={row.right}
                  html={html[h] ?? []}
                  {...context}
                />
              ))}
        </tbody>
      ))}
    </table>
  );
}

function HunkHeader({ hunk, columns }: { hunk: Hunk; columns: number }) {
  // `header` is the whole `@@ … @@` line, which may already end with the section text.
  const range = /^@@ [^@]* @@/.exec(hunk.header)?.[0] ?? hunk.header;
  const section = hunk.section?.trim();
  return (
    <tr className="diff-hunk">
      <th scope="rowgroup" colSpan={columns} className="text-left font-normal">
        <span className="select-none">{range}</span>
        {section ? <span className="diff-hunk-section"> {section}</span> : null}
      </th>
    </tr>
  );
}

function UnifiedLine({ row, html, ...context }: Context & { row: LineRow; html: string }) {
  const anchor = lineAnchor(context.file, row.line);
  const kind = row.line.kind;
  const cells =
    numberCell(kind, row.line.oldLine, anchor?.side === "old" ? anchor : undefined, context) +
    numberCell(kind, row.line.newLine, anchor?.side === "new" ? anchor : undefined, context) +
    markerCell(kind) +
    codeCell(kind, html, row.noeol);
  return (
    <>
      <LineRowOf cells={cells} />
      <CommentRows anchors={[anchor]} columns={4} comments={context.comments} />
    </>
  );
}

function SplitLine({
  left,
  right,
  html,
  ...context
}: Context & { left?: LineRow; right?: LineRow; html: readonly string[] }) {
  const leftAnchor = left && lineAnchor(context.file, left.line);
  const rightAnchor = right && lineAnchor(context.file, right.line);
  // A context line is on both sides but anchors once, to the new side.
  const isContext = left === right;
  const cells =
    splitSide(left, "old", html, isContext ? undefined : leftAnchor, context) +
    splitSide(right, "new", html, rightAnchor, context);
  return (
    <>
      <LineRowOf cells={cells} />
      <CommentRows
        anchors={isContext ? [rightAnchor] : [leftAnchor, rightAnchor]}
        columns={6}
        comments={context.comments}
      />
    </>
  );
}

/**
 * A line's row. Its cells are one string of HTML rather than React elements: a diff's rows are
 * most of its page, each in it twice (the HTML, then the RSC payload), and as elements each row
 * was ~10 of them to render, serialise and render again (bench/RESULTS.md: page-load). Every
 * piece of text in it goes through escapeHtml; the code is highlight.ts's safe HTML.
 */
function LineRowOf({ cells }: { cells: string }) {
  return <tr dangerouslySetInnerHTML={{ __html: cells }} />;
}

function splitSide(
  row: LineRow | undefined,
  side: "old" | "new",
  html: readonly string[],
  anchor: Anchor | undefined,
  context: Context,
): string {
  if (!row) return '<td colspan="3" class="diff-empty"><span class="sr-only">No line</span></td>';
  // Context lines have both numbers; each side shows its own.
  const kind = row.line.kind;
  const line = side === "old" ? row.line.oldLine : row.line.newLine;
  return (
    numberCell(kind, line, anchor, context) +
    markerCell(kind) +
    codeCell(kind, html[row.index] ?? "", row.noeol)
  );
}

/**
 * Short class names per kind of line: they repeat on every cell of every line, and diff.css
 * says what each one is. `noeol` markers never get a cell of their own.
 */
const KIND_CLASS: Record<HunkLine["kind"], string> = {
  add: "a",
  del: "d",
  context: "x",
  noeol: "x",
};

/**
 * The line number, and for reviewers the line's comment button, named by hidden text rather
 * than aria-label: Playwright's getByLabel (and the like) also match aria-label, so "Comment on
 * line 3" would find this button as well as the form. Its anchor's file and its form's slot
 * come from the table's data attributes.
 */
function numberCell(
  kind: HunkLine["kind"],
  line: number | undefined,
  anchor: Anchor | undefined,
  { commentable }: Context,
): string {
  const button =
    commentable && anchor
      ? `<button type="button" class="dcb" aria-expanded="false" data-line="${escapeHtml(lineKey(anchor))}">` +
        `<span class="sr-only">${escapeHtml(commentButtonLabel(anchor))}</span></button>`
      : "";
  return `<td class="dn ${KIND_CLASS[kind]}">${button}${line ?? ""}</td>`;
}

const MARKER_WORDS: Partial<Record<HunkLine["kind"], string>> = { add: "added", del: "removed" };

/** The visible +/− comes from diff.css; screen readers get the word. */
function markerCell(kind: HunkLine["kind"]): string {
  const words = MARKER_WORDS[kind];
  const hidden = words ? `<span class="sr-only">${words}</span>` : "";
  return `<td class="dm ${KIND_CLASS[kind]}">${hidden}</td>`;
}

/** `html` is highlight.js output or escaped text: see highlight.ts. */
function codeCell(kind: HunkLine["kind"], html: string, noeol?: string): string {
  const marker = noeol ? `<span class="diff-noeol">${escapeHtml(noeol)}</span>` : "";
  return `<td class="dc ${KIND_CLASS[kind]}"><code>${html}</code>${marker}</td>`;
}

/** Full-width rows for the comment threads on these anchors, right under their line. */
function CommentRows({
  anchors,
  columns,
  comments,
}: {
  anchors: readonly (Anchor | undefined)[];
  columns: number;
  comments: ReadonlyMap<string, readonly ReactNode[]>;
}) {
  return anchors.map((anchor) => {
    const key = anchor && anchorKey(anchor);
    const threads = key ? comments.get(key) : undefined;
    if (!key || !threads?.length) return null;
    return (
      <tr key={key} className="diff-comments" data-comments-for={key}>
        <td colSpan={columns}>
          {threads.map((thread, i) => (
            <Fragment key={i}>{thread}</Fragment>
          ))}
        </td>
      </tr>
    );
  });
}
