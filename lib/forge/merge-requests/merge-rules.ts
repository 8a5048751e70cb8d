import { isDraftTitle } from "./draft";

/**
 * What keeps a merge request from being merged whatever its repository says: checked in the
 * merge box before anyone presses Merge, and again by the merge itself.
 */
export type MergeBlocker =
  { readonly rule: "draft" } | { readonly rule: "unresolved-threads"; readonly count: number };

/** What the rules need besides the merge request's title; a fact left out blocks nothing. */
export interface MergeFacts {
  /** Its unresolved threads, and whether the project requires none before a merge. */
  readonly threads?: { readonly unresolved: number; readonly required: boolean };
}

export function mergeBlockers(
  request: { readonly title: string },
  facts: MergeFacts = {},
): MergeBlocker[] {
  const blockers: MergeBlocker[] = [];
  if (isDraftTitle(request.title)) blockers.push({ rule: "draft" });
  const threads = facts.threads;
  if (threads?.required && threads.unresolved > 0) {
    blockers.push({ rule: "unresolved-threads", count: threads.unresolved });
  }
  return blockers;
}

/** What a blocker means, and what lifts it. */
export function mergeBlockerText(blocker: MergeBlocker): string {
  switch (blocker.rule) {
    case "draft":
      return "It is a draft: mark it as ready first.";
    case "unresolved-threads":
      return blocker.count === 1
        ? "1 thread is unresolved: the project requires every thread resolved first."
        : `${blocker.count} threads are unresolved: the project requires every thread resolved first.`;
  }
}
