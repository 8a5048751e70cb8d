import type { Comment, MergeRequestRevision } from "@/lib/generated/prisma/client";
import type { InlineComment, ParsedRevision } from "@/lib/forge/merge-requests/view";
import { appliedRevisions, readSuggestion, type SuggestionReading } from "./suggestion";

export interface SuggestionState {
  readonly reading: SuggestionReading;
  /** The revision that applied it, if one did. */
  readonly appliedIn?: number;
}

/** The suggestions of the shown revision's inline comments, by comment cache key. */
export function suggestionStates(
  inline: readonly InlineComment[],
  shown: ParsedRevision | undefined,
  comments: readonly Comment[],
  revisions: readonly MergeRequestRevision[],
): Map<string, SuggestionState> {
  const applied = appliedRevisions(comments, revisions);
  const states = new Map<string, SuggestionState>();
  for (const { anchor, comment } of inline) {
    if (anchor.revision !== shown?.revision) continue;
    const reading = readSuggestion(comment, shown.ok ? shown.files : undefined);
    if (reading) states.set(comment.id, { reading, appliedIn: applied.get(comment.itemId) });
  }
  return states;
}
