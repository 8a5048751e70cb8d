import { isDraftTitle } from "./draft";
import {
  type ReviewBlocker,
  reviewBlockers,
  reviewBlockerText,
  type ReviewFacts,
} from "./review-rules";

/**
 * What keeps a merge request from being merged whatever its repository says: checked in the
 * merge box before anyone presses Merge, and again by the merge itself.
 */
export type MergeBlocker = { readonly rule: "draft" } | ReviewBlocker;

/** Facts beyond the merge request itself, each rule's own; a rule without its facts passes. */
export interface MergeRuleFacts {
  readonly review?: ReviewFacts;
}

export function mergeBlockers(
  request: { readonly title: string },
  facts: MergeRuleFacts = {},
): MergeBlocker[] {
  return [
    ...(isDraftTitle(request.title) ? [{ rule: "draft" } as const] : []),
    ...(facts.review ? reviewBlockers(facts.review) : []),
  ];
}

/** What a blocker means, and what lifts it. */
export function mergeBlockerText(blocker: MergeBlocker): string {
  switch (blocker.rule) {
    case "draft":
      return "It is a draft: mark it as ready first.";
    default:
      return reviewBlockerText(blocker);
  }
}
