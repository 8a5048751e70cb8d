import { describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/forge/comments/verdict";
import { mergeBlockers, mergeBlockerText } from "./merge-rules";
import {
  isPremature,
  latestVerdicts,
  type ReviewFacts,
  reviewBlockers,
  type VerdictEntry,
} from "./review-rules";

let clock = 0;
function said(publisher: string, value: Verdict["value"], revision: number): VerdictEntry {
  clock += 1000;
  return {
    publisher,
    published: new Date(clock),
    verdict: { value, revision },
    firstSeenAt: new Date(clock),
  };
}

function facts(change: Partial<ReviewFacts>): ReviewFacts {
  return {
    revision: 3,
    authors: ["alice@a.test"],
    maintainers: new Set(["alice@a.test", "carol@a.test", "dave@a.test"]),
    reviewers: [],
    requiredApprovals: 1,
    verdicts: [],
    // Cached before first-seen times were kept: no verdict is premature for them.
    revisionsSeen: new Map([
      [1, null],
      [2, null],
      [3, null],
    ]),
    ...change,
  };
}

describe("review rules", () => {
  it("count a reviewer's latest verdict only", () => {
    const verdicts = [said("carol@a.test", "approve", 3), said("carol@a.test", "comment", 3)];
    expect(reviewBlockers(facts({ verdicts }))).toEqual([{ rule: "approvals", missing: 1 }]);
    expect(
      reviewBlockers(facts({ verdicts: [...verdicts, said("carol@a.test", "approve", 3)] })),
    ).toEqual([]);
  });

  it("take the latest by date, whatever order the cache lists them in", () => {
    const verdicts = [
      said("carol@a.test", "request-changes", 3),
      said("carol@a.test", "approve", 3),
    ];
    expect(reviewBlockers(facts({ verdicts: [...verdicts].reverse() }))).toEqual([]);
  });

  it("do not count an approval of an older revision (stale)", () => {
    const verdicts = [said("carol@a.test", "approve", 2)];
    expect(reviewBlockers(facts({ verdicts }))).toEqual([{ rule: "approvals", missing: 1 }]);
    const seen = facts({}).revisionsSeen;
    expect(latestVerdicts(verdicts, 3, seen).get("carol@a.test")?.stale).toBe(true);
    expect(latestVerdicts(verdicts, 2, seen).get("carol@a.test")?.stale).toBe(false);
  });

  it("count maintainers' approvals only", () => {
    const verdicts = [said("bob@b.test", "approve", 3)];
    expect(reviewBlockers(facts({ verdicts, reviewers: ["bob@b.test"] }))).toEqual([
      { rule: "approvals", missing: 1 },
    ]);
    expect(reviewBlockers(facts({ verdicts, maintainers: new Set(["bob@b.test"]) }))).toEqual([]);
  });

  it("ignore the author approving their own merge request, maintainer or not", () => {
    const verdicts = [said("alice@a.test", "approve", 3)];
    expect(reviewBlockers(facts({ verdicts }))).toEqual([{ rule: "approvals", missing: 1 }]);
  });

  it("count how many approvals are still missing", () => {
    const verdicts = [said("carol@a.test", "approve", 3)];
    expect(reviewBlockers(facts({ verdicts, requiredApprovals: 2 }))).toEqual([
      { rule: "approvals", missing: 1 },
    ]);
    const both = [...verdicts, said("dave@a.test", "approve", 3)];
    expect(reviewBlockers(facts({ verdicts: both, requiredApprovals: 2 }))).toEqual([]);
  });

  it("match publishers whatever their case", () => {
    const verdicts = [said("Carol@A.test", "approve", 3)];
    expect(reviewBlockers(facts({ verdicts }))).toEqual([]);
  });

  it("block on a current request for changes from a maintainer or a requested reviewer", () => {
    const verdicts = [
      said("carol@a.test", "approve", 3),
      said("dave@a.test", "request-changes", 3),
    ];
    expect(reviewBlockers(facts({ verdicts }))).toEqual([
      { rule: "changes-requested", by: "dave@a.test", revision: 3 },
    ]);
    const bob = [said("bob@b.test", "request-changes", 3)];
    expect(reviewBlockers(facts({ verdicts: bob, requiredApprovals: 0 }))).toEqual([]);
    expect(
      reviewBlockers(facts({ verdicts: bob, requiredApprovals: 0, reviewers: ["bob@b.test"] })),
    ).toEqual([{ rule: "changes-requested", by: "bob@b.test", revision: 3 }]);
  });

  it("lift a request for changes on a new revision, or when its author approves", () => {
    const stale = [said("bob@b.test", "request-changes", 2)];
    const reviewers = ["bob@b.test"];
    expect(reviewBlockers(facts({ verdicts: stale, reviewers, requiredApprovals: 0 }))).toEqual([]);
    const approved = [said("bob@b.test", "request-changes", 3), said("bob@b.test", "approve", 3)];
    expect(reviewBlockers(facts({ verdicts: approved, reviewers, requiredApprovals: 0 }))).toEqual(
      [],
    );
  });

  it("never count a verdict on a revision the cache had not seen when it first saw the verdict", () => {
    // Carol approves revision 3 before it exists; revision 3 arrives later (its own clock).
    const early = said("carol@a.test", "approve", 3);
    const revisionsSeen = new Map([
      [2, null],
      [3, new Date(clock + 500)],
    ]);
    expect(reviewBlockers(facts({ verdicts: [early], revisionsSeen }))).toEqual([
      { rule: "approvals", missing: 1 },
    ]);
    expect(latestVerdicts([early], 3, revisionsSeen).size).toBe(0);
    // Given again once revision 3 is there, it counts.
    const after = said("carol@a.test", "approve", 3);
    expect(reviewBlockers(facts({ verdicts: [early, after], revisionsSeen }))).toEqual([]);
    // A revision not cached at all is in the future too, whatever the entry's dates say.
    const future = said("carol@a.test", "approve", 4);
    expect(isPremature(future, revisionsSeen)).toBe(true);
  });

  it("let a premature verdict hide no earlier one of its publisher", () => {
    const changes = said("dave@a.test", "request-changes", 3);
    const revisionsSeen = new Map([[3, new Date(0)]]);
    const early = said("dave@a.test", "approve", 4);
    expect(reviewBlockers(facts({ verdicts: [changes, early], revisionsSeen }))).toEqual([
      { rule: "approvals", missing: 1 },
      { rule: "changes-requested", by: "dave@a.test", revision: 3 },
    ]);
  });

  it("read rows cached before first-seen times as older than any kept time", () => {
    const verdict = { value: "approve", revision: 3 } as const;
    expect(isPremature({ verdict, firstSeenAt: null }, new Map([[3, null]]))).toBe(false);
    expect(isPremature({ verdict, firstSeenAt: new Date(5) }, new Map([[3, null]]))).toBe(false);
    expect(isPremature({ verdict, firstSeenAt: null }, new Map([[3, new Date(5)]]))).toBe(true);
    expect(isPremature({ verdict, firstSeenAt: new Date(5) }, new Map([[3, new Date(5)]]))).toBe(
      false,
    );
  });

  it("say what is missing, with the draft rule's", () => {
    const blockers = mergeBlockers(
      { title: "Draft: x" },
      {
        review: facts({
          verdicts: [said("bob@b.test", "request-changes", 3)],
          reviewers: ["bob@b.test"],
        }),
      },
    );
    expect(blockers.map(mergeBlockerText)).toEqual([
      "It is a draft: mark it as ready first.",
      "It needs 1 more approval from a maintainer.",
      "bob@b.test requested changes on revision 3: a new revision, or their approval, lifts it.",
    ]);
    expect(mergeBlockers({ title: "x" })).toEqual([]);
  });
});
