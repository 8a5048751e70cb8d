/**
 * Comments follow the code: an inline comment is anchored to a line of the revision it was
 * written on (N), and the merge request page shows another revision (M, the latest by default).
 * The comment is carried to M's line when that line is unchanged between the two, found through
 * the interdiff (N's result → M's result, composed from N's and M's combined diffs); otherwise it
 * is outdated, shown with the lines of N's diff around where it was written. Nothing is dropped.
 *
 * Only the files that have comments are looked at, so a big merge request with a few comments
 * costs a few files' work.
 */
import { diffArrays, type ChangeObject } from "diff";
import { composeFileDiffs, type ComposedFile } from "@/lib/scm/compose-diffs";
import { reverseFileDiff } from "@/lib/scm/reverse-diff";
import type { FileDiff, Hunk, HunkLine } from "@/lib/scm/types";
import type { MergeRequestRevision } from "@/lib/generated/prisma/client";
import { parseRevision, type InlineAnchor, type InlineComment } from "./view";

/** A comment shown on the viewed revision: `anchor` is its line there, `madeOn` where written. */
export interface CurrentComment extends InlineComment {
  readonly madeOn: InlineAnchor;
}

/** A comment whose line changed or vanished: shown apart, with the code it was written on. */
export interface OutdatedComment extends InlineComment {
  /** The lines of revision N's diff around the anchor; empty when N's patch is not readable. */
  readonly context: readonly HunkLine[];
}

export interface CommentPositions {
  readonly current: CurrentComment[];
  readonly outdated: OutdatedComment[];
}

/** Lines shown before and after the anchor in an outdated comment's context. */
const CONTEXT_LINES = 3;

/**
 * Past this many shown lines on a side, a file whose patches do not line up is not matched by
 * content (the diff's cost grows with them): its comments are outdated rather than slow.
 */
const MAX_MATCHED_LINES = 20_000;
/** Bound on the content match's edit distance, for the same reason. */
const MAX_EDIT_LENGTH = 500;

/**
 * Where each inline comment goes on revision `viewed`, given the combined diff (base → tip) of
 * any revision: `filesOf(n)` is undefined when revision n is unknown or unreadable.
 */
export function positionComments(
  inline: readonly InlineComment[],
  viewed: { revision: number; files: readonly FileDiff[] },
  filesOf: (revision: number) => readonly FileDiff[] | undefined,
): CommentPositions {
  const positions: CommentPositions = { current: [], outdated: [] };
  const byRevision = new Map<number, InlineComment[]>();
  for (const comment of inline) {
    const group = byRevision.get(comment.anchor.revision);
    if (group) group.push(comment);
    else byRevision.set(comment.anchor.revision, [comment]);
  }
  for (const [revision, comments] of byRevision) {
    if (revision === viewed.revision) {
      positions.current.push(...comments.map((c) => ({ ...c, madeOn: c.anchor })));
      continue;
    }
    const written = filesOf(revision);
    if (!written) {
      positions.outdated.push(...comments.map((c) => ({ ...c, context: [] })));
      continue;
    }
    const mapper = new RevisionMapper(written, viewed.files, comments);
    for (const comment of comments) {
      const anchor = mapper.map(comment.anchor);
      if (anchor) {
        positions.current.push({
          ...comment,
          anchor: { ...anchor, revision: viewed.revision },
          madeOn: comment.anchor,
        });
      } else {
        positions.outdated.push({ ...comment, context: contextOf(written, comment.anchor) });
      }
    }
  }
  return positions;
}

type Place = Pick<InlineAnchor, "file" | "side" | "line">;

/** Maps anchors of revision N (`from`) to revision M (`to`), for the files `comments` are on. */
class RevisionMapper {
  private readonly from: readonly FileDiff[];
  private readonly to: readonly FileDiff[];
  /** N's result → M's result, for the commented files; a file absent here did not change. */
  private readonly between: readonly ComposedFile[];
  private readonly matches = new Map<
    string,
    { a: HunkLine[]; b: HunkLine[]; changes: ChangeObject<string[]>[] | undefined }
  >();

  constructor(
    from: readonly FileDiff[],
    to: readonly FileDiff[],
    comments: readonly InlineComment[],
  ) {
    const paths = new Set(comments.map(({ anchor }) => anchor.file));
    this.from = from.filter((f) => paths.has(f.newPath) || paths.has(f.oldPath));
    const bases = new Set([...paths, ...this.from.map((f) => f.oldPath)]);
    this.to = to.filter((f) => bases.has(f.oldPath) || paths.has(f.newPath));
    this.between = composeFileDiffs([this.from.map(reverseFileDiff), this.to]);
  }

  map(anchor: Place): Place | undefined {
    return anchor.side === "new" ? this.mapNew(anchor) : this.mapOld(anchor);
  }

  private mapNew(anchor: Place): Place | undefined {
    const change = this.between.find((f) => f.oldPath === anchor.file && f.status !== "added");
    if (!change) return anchor;
    if (change.status === "deleted") return undefined;
    if (change.uncombined) return this.matchByContent(anchor, change.newPath);
    const written = lineText(this.from, anchor);
    const line = throughHunks(change.hunks, anchor.line);
    if (line === undefined) return undefined;
    const place: Place = { file: change.newPath, side: "new", line };
    // The composition placed hunks by position; where both texts are known they must agree.
    const shown = lineText(this.to, place);
    return written !== undefined && shown !== undefined && written !== shown ? undefined : place;
  }

  /**
   * A removed line is the same base line in M when M removes it too and its text is the same
   * (a rebase that changed the base changes it); a removal M no longer makes is outdated.
   */
  private mapOld(anchor: Place): Place | undefined {
    const written = lineText(this.from, anchor);
    const removed = this.to
      .filter((f) => f.oldPath === anchor.file && f.status !== "added")
      .flatMap((f) => f.hunks.flatMap((h) => h.lines))
      .find((l) => l.kind === "del" && l.oldLine === anchor.line);
    if (!removed || (written !== undefined && written !== removed.text)) return undefined;
    return anchor;
  }

  /** N's and M's shown lines of a file and their diff, once per file (undefined: too costly). */
  private contentMatch(fromPath: string, toPath: string) {
    const key = `${fromPath}\0${toPath}`;
    let match = this.matches.get(key);
    if (!match) {
      const a = newSideLines(this.from.find((f) => f.newPath === fromPath));
      const b = newSideLines(this.to.find((f) => f.newPath === toPath));
      const small = a.length <= MAX_MATCHED_LINES && b.length <= MAX_MATCHED_LINES;
      const changes = small
        ? diffArrays(
            a.map((l) => l.text),
            b.map((l) => l.text),
            { maxEditLength: MAX_EDIT_LENGTH },
          )
        : undefined;
      match = { a, b, changes };
      this.matches.set(key, match);
    }
    return match;
  }

  /**
   * When N's and M's patches do not line up (different bases), the lines both diffs show are
   * matched by content, and the anchor is carried when its line is among the unchanged ones.
   */
  private matchByContent(anchor: Place, toPath: string): Place | undefined {
    const { a, b, changes } = this.contentMatch(anchor.file, toPath);
    const at = a.findIndex((l) => l.newLine === anchor.line);
    if (at < 0) return undefined;
    let i = 0;
    let j = 0;
    for (const change of changes ?? []) {
      const count = change.count;
      if (change.added) j += count;
      else if (change.removed) {
        if (at < i + count) return undefined;
        i += count;
      } else {
        if (at < i + count) return { file: toPath, side: "new", line: b[j + at - i]!.newLine! };
        i += count;
        j += count;
      }
    }
    return undefined;
  }
}

/**
 * Line `line` of a diff's old side on its new side, or undefined when the diff changes it.
 * Hunks before it shift it by what they add and remove; linear in the number of hunks.
 */
export function throughHunks(hunks: readonly Hunk[], line: number): number | undefined {
  let shift = 0;
  for (const hunk of hunks) {
    const lastOld = hunk.oldStart + hunk.oldLines - 1;
    // A hunk that removes nothing inserts after its oldStart.
    const before = hunk.oldLines === 0 ? hunk.oldStart < line : lastOld < line;
    if (before) {
      shift += hunk.newLines - hunk.oldLines;
      continue;
    }
    if (line < hunk.oldStart || hunk.oldLines === 0) break;
    const met = hunk.lines.find((l) => l.kind !== "add" && l.oldLine === line);
    return met?.kind === "context" ? met.newLine : undefined;
  }
  const moved = line + shift;
  return moved >= 1 ? moved : undefined;
}

function newSideLines(file: FileDiff | undefined): HunkLine[] {
  if (!file || file.status === "deleted") return [];
  return file.hunks.flatMap((h) => h.lines.filter((l) => l.newLine !== undefined));
}

/** The text a revision's diff shows at an anchor's line, when it shows it. */
function lineText(files: readonly FileDiff[], place: Place): string | undefined {
  return linesAround(files, place, 0)[0]?.text;
}

/** The lines of a revision's diff around an anchor, as its hunk shows them. */
function linesAround(files: readonly FileDiff[], place: Place, around: number): HunkLine[] {
  const file = files.find((f) =>
    place.side === "new"
      ? f.newPath === place.file && f.status !== "deleted"
      : f.oldPath === place.file && f.status !== "added",
  );
  const numberOf = (l: HunkLine) =>
    place.side === "new" ? (l.kind === "del" ? undefined : l.newLine) : l.oldLine;
  for (const hunk of file?.hunks ?? []) {
    const at = hunk.lines.findIndex((l) => l.kind !== "noeol" && numberOf(l) === place.line);
    if (at >= 0) return hunk.lines.slice(Math.max(0, at - around), at + around + 1);
  }
  return [];
}

function contextOf(files: readonly FileDiff[], anchor: Place): HunkLine[] {
  return linesAround(files, anchor, CONTEXT_LINES);
}

/**
 * The positions of a merge request's inline comments on one of its revisions, parsing only
 * the other revisions that comments were written on (each once).
 */
export function commentsOnRevision(
  scm: string,
  revisions: readonly MergeRequestRevision[],
  viewed: { revision: number; files: readonly FileDiff[] },
  inline: readonly InlineComment[],
): CommentPositions {
  const parsed = new Map<number, readonly FileDiff[] | undefined>();
  return positionComments(inline, viewed, (revision) => {
    if (!parsed.has(revision)) {
      const stored = revisions.find((r) => r.revision === revision);
      const result = stored ? parseRevision(scm, stored) : undefined;
      parsed.set(revision, result?.ok ? result.files : undefined);
    }
    return parsed.get(revision);
  });
}
