import type { Comment, MergeRequestRevision } from "@/lib/generated/prisma/client";
import { adapterFor } from "@/lib/scm/index";
import { composeFileDiffs, type ComposedFile } from "@/lib/scm/compose-diffs";
import { type Changeset, ScmKindSchema } from "@/lib/scm/types";

/**
 * What the merge request page shows of one revision: its changesets, and the combined diff of
 * the whole series (base → tip, one entry per file), or why it can't.
 */
export type ParsedRevision =
  | { ok: true; revision: number; changesets: readonly Changeset[]; files: ComposedFile[] }
  | { ok: false; revision: number; reason: string };

export function parseRevision(scm: string, revision: MergeRequestRevision): ParsedRevision {
  try {
    const series = adapterFor(ScmKindSchema.parse(scm)).parseSeries(revision.patch);
    return {
      ok: true,
      revision: revision.revision,
      changesets: series.changesets,
      files: composeFileDiffs(series.changesets.map((c) => c.files)),
    };
  } catch (error) {
    return { ok: false, revision: revision.revision, reason: (error as Error).message };
  }
}

/**
 * Where an inline comment sits: a line of the combined diff of `revision` (new side: the line
 * in the series' result; old side: the line in its base).
 */
export interface InlineAnchor {
  file: string;
  side: "old" | "new";
  line: number;
  revision: number;
}

export interface InlineComment {
  readonly anchor: InlineAnchor;
  readonly comment: Comment;
}

/** Splits a merge request's comments into the discussion and the inline ones, in order. */
export function splitComments(comments: Comment[]) {
  const discussion: Comment[] = [];
  const inline: InlineComment[] = [];
  for (const comment of comments) {
    if (!comment.anchorFile || !comment.anchorSide || !comment.anchorLine) {
      discussion.push(comment);
    } else {
      inline.push({
        anchor: {
          file: comment.anchorFile,
          side: comment.anchorSide === "old" ? "old" : "new",
          line: comment.anchorLine,
          revision: comment.anchorRevision ?? 1,
        },
        comment,
      });
    }
  }
  return { discussion, inline };
}

/** The DOM id of an inline comment in the diff, the target of the links to it. */
export function inlineCommentId(comment: Pick<Comment, "itemId">): string {
  return `inline-${comment.itemId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
