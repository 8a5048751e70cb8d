/**
 * Where an inline comment sits. An anchor names a line of one side of a file, not a position in
 * a rendered patch, so it survives re-rendering, a switch between unified and split view, and
 * a series that touches the same file in several changesets.
 */
import type { ReactNode } from "react";
import type { FileDiff, HunkLine } from "@/lib/scm/types";

export type Side = "old" | "new";

export interface Anchor {
  /** The new path; for a deleted line, the old path (the line exists only in the old file). */
  readonly file: string;
  readonly side: Side;
  /** 1-based line number on that side. */
  readonly line: number;
}

/** An already rendered comment thread and the line it belongs under. */
export interface LineComment {
  readonly anchor: Anchor;
  /** The DOM id inside `node` that links point to, if any. */
  readonly id?: string;
  readonly node: ReactNode;
}

/**
 * The anchor of a diff line: deleted lines anchor to the old file, context and added lines to
 * the new one (a context line is the same line in both, and the new file is what will land).
 * `noeol` markers are not lines and have no anchor.
 */
export function lineAnchor(
  file: Pick<FileDiff, "oldPath" | "newPath">,
  line: HunkLine,
): Anchor | undefined {
  if (line.kind === "del") {
    return line.oldLine === undefined
      ? undefined
      : { file: file.oldPath, side: "old", line: line.oldLine };
  }
  if (line.kind === "noeol" || line.newLine === undefined) return undefined;
  return { file: file.newPath, side: "new", line: line.newLine };
}

/** A stable string key: side and line first, so a path containing `:` stays unambiguous. */
export function anchorKey(anchor: Anchor): string {
  return `${lineKey(anchor)}:${anchor.file}`;
}

/** `new:3`: the start of an anchor key, which a line's table completes with the file. */
export function lineKey(anchor: Pick<Anchor, "side" | "line">): string {
  return `${anchor.side}:${anchor.line}`;
}

/** The DOM id of a line of the file whose element id is `fileId`: a link target. */
export function lineTargetId(fileId: string, anchor: Pick<Anchor, "side" | "line">): string {
  return `${fileId}-${anchor.side}${anchor.line}`;
}

export function parseAnchorKey(key: string): Anchor | undefined {
  const match = /^(old|new):([1-9][0-9]*):(.+)$/s.exec(key);
  if (!match) return undefined;
  return { side: match[1] as Side, line: Number(match[2]), file: match[3]! };
}

/**
 * The accessible name of a line's comment button. Deleted lines say so: a changed line 3 has an
 * old and a new line 3, and the two buttons must not share a name.
 */
export function commentButtonLabel(anchor: Anchor): string {
  const which = anchor.side === "old" ? "deleted line" : "line";
  return `Comment on ${which} ${anchor.line} of ${anchor.file}`;
}

/** Keys of every line a view of `files` shows, to tell which comments it can place. */
export function shownAnchorKeys(files: readonly FileDiff[]): Set<string> {
  const keys = new Set<string>();
  for (const file of files) {
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        const anchor = lineAnchor(file, line);
        if (anchor) keys.add(anchorKey(anchor));
      }
    }
  }
  return keys;
}

/**
 * The comments whose line the view does not show (the series was revised, or the comment was
 * made on another changeset): the page should list them elsewhere rather than lose them.
 */
export function unplacedComments<T extends { readonly anchor: Anchor }>(
  files: readonly FileDiff[],
  comments: readonly T[],
): T[] {
  const shown = shownAnchorKeys(files);
  return comments.filter((comment) => !shown.has(anchorKey(comment.anchor)));
}
