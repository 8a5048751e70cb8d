import { describe, expect, it } from "vitest";
import { mergeBlockers, mergeBlockerText } from "./merge-rules";

describe("the unresolved-threads rule", () => {
  it("blocks only when the project requires it and a thread is unresolved", () => {
    const title = { title: "Fix" };
    expect(mergeBlockers(title)).toEqual([]);
    expect(mergeBlockers(title, { threads: { unresolved: 2, required: false } })).toEqual([]);
    expect(mergeBlockers(title, { threads: { unresolved: 0, required: true } })).toEqual([]);
    const [blocker] = mergeBlockers(title, { threads: { unresolved: 2, required: true } });
    expect(blocker).toEqual({ rule: "unresolved-threads", count: 2 });
    expect(mergeBlockerText(blocker!)).toMatch(/^2 threads are unresolved/);
  });
});
