import type { CheckStatus } from "./codec";

/** What a list row says of a revision's checks: any failure first, then anything running. */
export type ChecksOutcome = "failing" | "pending" | "passed";

export function checksOutcome(checks: readonly { status: string }[]): ChecksOutcome | undefined {
  if (checks.length === 0) return undefined;
  if (checks.some((check) => check.status === "failure")) return "failing";
  if (checks.some((check) => check.status !== "success")) return "pending";
  return "passed";
}

export const CHECK_STATUS_TEXT: Record<CheckStatus, string> = {
  pending: "Running",
  success: "Passed",
  failure: "Failed",
};
