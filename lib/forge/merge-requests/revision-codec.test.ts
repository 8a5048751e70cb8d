import { describe, expect, it } from "vitest";
import { decodeRevision, encodeRevision, revisionItemId } from "./revision-codec";

describe("merge request revisions", () => {
  it("round-trip the series verbatim, with its final newline", () => {
    const revision = {
      mergeRequest: "abc",
      revision: 2,
      patch: "From 1234 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n\n  indented\n\n",
      created: "2026-11-25T10:00:00Z",
    };
    expect(decodeRevision(encodeRevision(revision))).toEqual({ ok: true, revision });
    expect(revisionItemId("abc", 2)).toBe("abc_r2");
  });

  it("rejects revisions that name no merge request", () => {
    const element = encodeRevision({
      mergeRequest: "",
      revision: 1,
      patch: "",
      created: undefined,
    });
    expect(decodeRevision(element)).toEqual({
      ok: false,
      reason: "the revision names no merge request or revision number",
    });
  });
});
