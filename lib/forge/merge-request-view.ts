import type { Comment, MergeRequestRevision } from "@/lib/generated/prisma/client";
import { adapterFor } from "@/lib/scm";
import type { Changeset, FileDiff, ScmKind } from "@/lib/scm/types";

/** What the merge request page shows of one revision: its changesets, or why it can't. */
export type ParsedRevision =
  | { ok: true; revision: number; changesets: readonly Changeset[]; files: FileDiff[] }
  | { ok: false; revision: number; reason: string };

export function parseRevision(scm: string, revision: MergeRequestRevision): ParsedRevision {
  try {
    const series = adapterFor(scm as ScmKind).parseSeries(revision.patch);
    return {
      ok: true,
      revision: revision.revision,
      changesets: series.changesets,
      files: series.changesets.flatMap((c) => [...c.files]),
    };
  } catch (error) {
    return { ok: false, revision: revision.revision, reason: (error as Error).message };
  }
}

export interface InlineAnchor {
  file: string;
  side: "old" | "new";
  line: number;
}

/** Splits a merge request's comments into the discussion and the inline ones of a revision. */
export function splitComments(comments: Comment[], revision: number) {
  const discussion: Comment[] = [];
  const inline: { anchor: InlineAnchor; comment: Comment }[] = [];
  for (const comment of comments) {
    if (!comment.anchorFile || !comment.anchorSide || !comment.anchorLine) {
      discussion.push(comment);
    } else if ((comment.anchorRevision ?? 1) === revision) {
      inline.push({
        anchor: {
          file: comment.anchorFile,
          side: comment.anchorSide === "old" ? "old" : "new",
          line: comment.anchorLine,
        },
        comment,
      });
    }
  }
  return { discussion, inline };
}
