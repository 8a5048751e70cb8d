import { isDraftTitle } from "./draft";

/**
 * What keeps a merge request from being merged whatever its repository says: checked in the
 * merge box before anyone presses Merge, and again by the merge itself.
 */
export type MergeBlocker = { readonly rule: "draft" };

export function mergeBlockers(request: { readonly title: string }): MergeBlocker[] {
  return isDraftTitle(request.title) ? [{ rule: "draft" }] : [];
}

/** What a blocker means, and what lifts it. */
export function mergeBlockerText(blocker: MergeBlocker): string {
  switch (blocker.rule) {
    case "draft":
      return "It is a draft: mark it as ready first.";
  }
}
