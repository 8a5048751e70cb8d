import type { CheckStatus } from "@/lib/forge/checks/codec";
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
export type MergeBlocker =
  | { readonly rule: "draft" }
  | { readonly rule: "unresolved-threads"; readonly count: number }
  | ReviewBlocker
  | CheckBlocker;

type CheckBlocker = {
  readonly rule: "check";
  readonly name: string;
  readonly revision: number;
  /** What the check said on that revision; "missing" when no allowed bot reported it. */
  readonly status: Exclude<CheckStatus, "success"> | "missing";
};

/** The project's required checks, and what was reported on the current revision. */
export interface CheckFacts {
  readonly required: readonly string[];
  readonly revision: number;
  readonly reported: readonly { readonly name: string; readonly status: CheckStatus }[];
}

/** Facts beyond the merge request itself, each rule's own; a rule without its facts passes. */
export interface MergeRuleFacts {
  readonly review?: ReviewFacts;
  readonly checks?: CheckFacts;
  /** Its unresolved threads, and whether the project requires none before a merge. */
  readonly threads?: { readonly unresolved: number; readonly required: boolean };
}

export function mergeBlockers(
  request: { readonly title: string },
  facts: MergeRuleFacts = {},
): MergeBlocker[] {
  return [
    ...(isDraftTitle(request.title) ? [{ rule: "draft" } as const] : []),
    ...(facts.threads?.required && facts.threads.unresolved > 0
      ? [{ rule: "unresolved-threads", count: facts.threads.unresolved } as const]
      : []),
    ...(facts.review ? reviewBlockers(facts.review) : []),
    ...(facts.checks ? checkBlockers(facts.checks) : []),
  ];
}

function checkBlockers(checks: CheckFacts): CheckBlocker[] {
  return checks.required.flatMap((name) => {
    // Several bots may report the same name: any one failing or pending keeps it from passing.
    const statuses = checks.reported.filter((r) => r.name === name).map((r) => r.status);
    const status = statuses.includes("failure")
      ? "failure"
      : statuses.includes("pending")
        ? "pending"
        : statuses.includes("success")
          ? undefined
          : "missing";
    return status ? [{ rule: "check", name, revision: checks.revision, status } as const] : [];
  });
}

const CHECK_STATE: Record<CheckBlocker["status"], string> = {
  failure: "it failed: fix the cause and publish a new revision",
  pending: "it is still running: wait for it to finish",
  missing: "no allowed CI bot has reported it yet",
};

/** What a blocker means, and what lifts it. */
export function mergeBlockerText(blocker: MergeBlocker): string {
  switch (blocker.rule) {
    case "draft":
      return "It is a draft: mark it as ready first.";
    case "unresolved-threads":
      return blocker.count === 1
        ? "1 thread is unresolved: the project requires every thread resolved first."
        : `${blocker.count} threads are unresolved: the project requires every thread resolved first.`;
    case "check":
      return `Check ${blocker.name} has not passed on revision ${blocker.revision}: ${CHECK_STATE[blocker.status]}.`;
    default:
      return reviewBlockerText(blocker);
  }
}
