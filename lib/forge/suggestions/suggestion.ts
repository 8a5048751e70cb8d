import type { Comment, MergeRequestRevision } from "@/lib/generated/prisma/client";
import { decodeComment } from "@/lib/forge/comments/codec";
import type { FileDiff } from "@/lib/scm/types";
import { bareJid } from "@/lib/xmpp/jid";
import { parseXml } from "@/lib/xmpp/xml";
import { appliedOf } from "./applied";
import { suggestionBlocks } from "./blocks";
import type { LineReplacement } from "./edit";

/** A suggestion as read from an inline comment: which new-side lines of which file become what. */
export interface Suggestion extends LineReplacement {
  /** The comment's cache key and item id. */
  readonly commentId: string;
  readonly commentItemId: string;
  readonly file: string;
  /** The revision it was made on, whose diff gave `expected`. */
  readonly revision: number;
}

export type SuggestionReading =
  | { readonly ok: true; readonly suggestion: Suggestion }
  | { readonly ok: false; readonly reason: string };

/**
 * The suggestion of an inline comment, undefined when it has none. `files` is the combined diff
 * of the revision the comment was made on: the lines it replaces are taken from there, never
 * from the comment, and must all be new-side lines the diff shows (a reviewer comments on what
 * the diff shows). Who suggested it is the item's publisher.
 */
export function readSuggestion(
  comment: Comment,
  files: readonly FileDiff[] | undefined,
): SuggestionReading | undefined {
  const decoded = decodeComment(parseXml(comment.rawXml));
  if (!decoded.ok) return undefined;
  const { anchor, markdown, text } = decoded.comment;
  const blocks = suggestionBlocks(markdown ?? text);
  if (!anchor || blocks.length === 0) return undefined;
  const refuse = (reason: string) => ({ ok: false as const, reason });
  if (blocks.length > 1)
    return refuse("the comment holds several suggestions; write one per comment");
  if (anchor.side !== "new") return refuse("the suggestion is on a removed line");
  if (!files) return refuse("the revision it was made on cannot be read");
  const from = anchor.from ?? anchor.line;
  const expected = newSideLines(files, anchor.file, from, anchor.line);
  if (!expected) return refuse("it covers lines the diff does not show");
  return {
    ok: true,
    suggestion: {
      commentId: comment.id,
      commentItemId: comment.itemId,
      by: comment.publisher,
      file: anchor.file,
      from,
      to: anchor.line,
      revision: anchor.revision ?? 1,
      expected,
      lines: blocks[0]!.lines,
    },
  };
}

/** Lines `from`..`to` of `path`'s new side, when the diff shows every one of them. */
export function newSideLines(
  files: readonly FileDiff[],
  path: string,
  from: number,
  to: number,
): string[] | undefined {
  const file = files.find(
    (candidate) => candidate.newPath === path && candidate.status !== "deleted",
  );
  if (!file) return undefined;
  const found: string[] = [];
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      const at = line.newLine;
      if (at !== undefined && line.kind !== "noeol" && at >= from && at <= to) {
        found[at - from] = line.text;
      }
    }
  }
  const count = to - from + 1;
  return found.length === count && Object.keys(found).length === count ? found : undefined;
}

/**
 * Which comments' suggestions were applied, and in which revision, from the entries recording
 * it (applied.ts). An entry counts only when its publisher also published, unflagged, the
 * revision it names: anyone may write such an entry, but only who could add that revision
 * made it.
 */
export function appliedRevisions(
  comments: readonly Comment[],
  revisions: readonly MergeRequestRevision[],
): Map<string, number> {
  const applied = new Map<string, number>();
  for (const comment of comments) {
    const record = appliedOf(parseXml(comment.rawXml));
    const revision = record && revisions.find((r) => r.revision === record.revision);
    const publisher = bareJid(comment.publisher).toLowerCase();
    if (!revision || revision.flaggedBy || bareJid(revision.publisher).toLowerCase() !== publisher)
      continue;
    for (const item of record.comments)
      if (!applied.has(item)) applied.set(item, revision.revision);
  }
  return applied;
}
