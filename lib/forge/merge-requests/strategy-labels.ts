import type { MergeStrategy } from "@/lib/scm/types";

/** What people read for each strategy: a name, and what it does to the target branch. */
export const MERGE_STRATEGY_TEXT: Readonly<
  Record<MergeStrategy, { label: string; effect: string }>
> = {
  merge: { label: "Merge commit", effect: "keeps the commits and adds a merge commit" },
  "fast-forward": {
    label: "Fast-forward",
    effect: "moves the branch to the commits as they are, same ids",
  },
  squash: { label: "Squash", effect: "one new commit with the title and description" },
  rebase: { label: "Rebase", effect: "the commits replayed one by one on the branch" },
};

export function mergeStrategyLabel(strategy: MergeStrategy): string {
  return MERGE_STRATEGY_TEXT[strategy].label;
}
