import type { CheckStatus } from "@/lib/forge/checks/codec";
import { isDraftTitle } from "./draft";

/**
 * What keeps a merge request from being merged whatever its repository says: checked in the
 * merge box before anyone presses Merge, and again by the merge itself.
 */
export type MergeBlocker =
  | { readonly rule: "draft" }
  | {
      readonly rule: "check";
      readonly name: string;
      readonly revision: number;
      /** What the check said on that revision; "missing" when no allowed bot reported it. */
      readonly status: Exclude<CheckStatus, "success"> | "missing";
    };

/** What the rules need besides the merge request's own item. */
export interface MergeFacts {
  /** The project's required checks, and what was reported on the current revision. */
  readonly checks?: {
    readonly required: readonly string[];
    readonly revision: number;
    readonly reported: readonly { readonly name: string; readonly status: CheckStatus }[];
  };
}

export function mergeBlockers(
  request: { readonly title: string },
  facts: MergeFacts = {},
): MergeBlocker[] {
  const blockers: MergeBlocker[] = isDraftTitle(request.title) ? [{ rule: "draft" }] : [];
  const checks = facts.checks;
  for (const name of checks?.required ?? []) {
    // Several bots may report the same name: any one failing or pending keeps it from passing.
    const statuses = checks!.reported.filter((r) => r.name === name).map((r) => r.status);
    const status = statuses.includes("failure")
      ? "failure"
      : statuses.includes("pending")
        ? "pending"
        : statuses.includes("success")
          ? undefined
          : "missing";
    if (status) blockers.push({ rule: "check", name, revision: checks!.revision, status });
  }
  return blockers;
}

const CHECK_STATE: Record<Extract<MergeBlocker, { rule: "check" }>["status"], string> = {
  failure: "it failed: fix the cause and publish a new revision",
  pending: "it is still running: wait for it to finish",
  missing: "no allowed CI bot has reported it yet",
};

/** What a blocker means, and what lifts it. */
export function mergeBlockerText(blocker: MergeBlocker): string {
  switch (blocker.rule) {
    case "draft":
      return "It is a draft: mark it as ready first.";
    case "check":
      return `Check ${blocker.name} has not passed on revision ${blocker.revision}: ${CHECK_STATE[blocker.status]}.`;
  }
}
