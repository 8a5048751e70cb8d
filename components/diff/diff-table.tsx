/**
 * The table of one file's hunks, in unified or split layout. Server-rendered HTML only: the
 * comment buttons are plain `<button>`s that `LineCommentToggle` handles by delegation.
 *
 * Semantics: a caption names the file, a header row names the columns (visually hidden), each
 * hunk is a `<tbody>` whose `@@` line is a row-group header. Gutters are not selectable, so
 * selecting lines copies only code; the +/− markers carry hidden "added"/"removed" words,
 * since colour alone says nothing to a screen reader or to colour-blind readers.
 */
import { Fragment, type ReactNode } from "react";
import type { Hunk, HunkLine } from "@/lib/scm/types";
import { anchorKey, commentButtonLabel, lineAnchor, lineKey, type Anchor } from "./anchor";
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
  return (
    <>
      <tr>
        <NumberCell
          kind={kind}
          line={row.line.oldLine}
          anchor={anchor?.side === "old" ? anchor : undefined}
          {...context}
        />
        <NumberCell
          kind={kind}
          line={row.line.newLine}
          anchor={anchor?.side === "new" ? anchor : undefined}
          {...context}
        />
        <MarkerCell kind={kind} />
        <CodeCell kind={kind} html={html} noeol={row.noeol} />
      </tr>
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
  return (
    <>
      <tr>
        <SplitSide
          row={left}
          side="old"
          html={html}
          anchor={isContext ? undefined : leftAnchor}
          {...context}
        />
        <SplitSide row={right} side="new" html={html} anchor={rightAnchor} {...context} />
      </tr>
      <CommentRows
        anchors={isContext ? [rightAnchor] : [leftAnchor, rightAnchor]}
        columns={6}
        comments={context.comments}
      />
    </>
  );
}

function SplitSide({
  row,
  side,
  html,
  anchor,
  ...context
}: Context & { row?: LineRow; side: "old" | "new"; html: readonly string[]; anchor?: Anchor }) {
  if (!row) {
    return (
      <td colSpan={3} className="diff-empty">
        <span className="sr-only">No line</span>
      </td>
    );
  }
  // Context lines have both numbers; each side shows its own.
  const kind = row.line.kind;
  const line = side === "old" ? row.line.oldLine : row.line.newLine;
  return (
    <>
      <NumberCell kind={kind} line={line} anchor={anchor} {...context} />
      <MarkerCell kind={kind} />
      <CodeCell kind={kind} html={html[row.index] ?? ""} noeol={row.noeol} />
    </>
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

function NumberCell({
  kind,
  line,
  anchor,
  commentable,
}: Context & { kind: HunkLine["kind"]; line?: number; anchor?: Anchor }) {
  return (
    <td className={`dn ${KIND_CLASS[kind]}`}>
      {commentable && anchor ? (
        // Named by hidden text, not aria-label: Playwright's getByLabel (and the like) also
        // match aria-label, so "Comment on line 3" would find this button as well as the form.
        // Its anchor's file and its form's slot come from the table's data attributes.
        <button type="button" className="dcb" aria-expanded={false} data-line={lineKey(anchor)}>
          <span className="sr-only">{commentButtonLabel(anchor)}</span>
        </button>
      ) : null}
      {line}
    </td>
  );
}

const MARKER_WORDS: Partial<Record<HunkLine["kind"], string>> = { add: "added", del: "removed" };

/** The visible +/− comes from diff.css; screen readers get the word. */
function MarkerCell({ kind }: { kind: HunkLine["kind"] }) {
  const words = MARKER_WORDS[kind];
  return (
    <td className={`dm ${KIND_CLASS[kind]}`}>
      {words ? <span className="sr-only">{words}</span> : null}
    </td>
  );
}

function CodeCell({ kind, html, noeol }: { kind: HunkLine["kind"]; html: string; noeol?: string }) {
  return (
    <td className={`dc ${KIND_CLASS[kind]}`}>
      {/* `html` is highlight.js output or escaped text: see highlight.ts. */}
      <code dangerouslySetInnerHTML={{ __html: html }} />
      {noeol ? <span className="diff-noeol">{noeol}</span> : null}
    </td>
  );
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
