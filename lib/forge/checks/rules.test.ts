import { describe, expect, it } from "vitest";
import { mergeBlockers, mergeBlockerText } from "@/lib/forge/merge-requests/merge-rules";
import { checksOutcome } from "./view";

const facts = (reported: { name: string; status: "pending" | "success" | "failure" }[]) => ({
  checks: { required: ["ci"], revision: 3, reported },
});

describe("required checks", () => {
  it("block a merge until the check passed on the current revision", () => {
    const title = { title: "Add notes" };
    expect(mergeBlockers(title, facts([]))).toEqual([
      { rule: "check", name: "ci", revision: 3, status: "missing" },
    ]);
    expect(mergeBlockers(title, facts([{ name: "ci", status: "pending" }]))).toMatchObject([
      { status: "pending" },
    ]);
    expect(mergeBlockers(title, facts([{ name: "lint", status: "success" }]))).toMatchObject([
      { status: "missing" },
    ]);
    expect(mergeBlockers(title, facts([{ name: "ci", status: "success" }]))).toEqual([]);
    expect(mergeBlockers(title)).toEqual([]);
  });

  it("take a failure from any bot over another's success", () => {
    const blockers = mergeBlockers(
      { title: "x" },
      facts([
        { name: "ci", status: "success" },
        { name: "ci", status: "failure" },
      ]),
    );
    expect(blockers).toEqual([{ rule: "check", name: "ci", revision: 3, status: "failure" }]);
    expect(mergeBlockerText(blockers[0]!)).toBe(
      "Check ci has not passed on revision 3: it failed: fix the cause and publish a new revision.",
    );
  });

  it("sit beside the draft rule", () => {
    expect(mergeBlockers({ title: "Draft: x" }, facts([])).map((b) => b.rule)).toEqual([
      "draft",
      "check",
    ]);
  });
});

describe("the list's word on a revision's checks", () => {
  it("says failing over running over passed, and nothing without checks", () => {
    expect(checksOutcome([])).toBeUndefined();
    expect(checksOutcome([{ status: "success" }, { status: "failure" }])).toBe("failing");
    expect(checksOutcome([{ status: "success" }, { status: "pending" }])).toBe("pending");
    expect(checksOutcome([{ status: "success" }])).toBe("passed");
  });
});
