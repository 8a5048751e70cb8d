import { describe, expect, it } from "vitest";
import { matchesPin, MergePinSchema, patchDigest, pinOf } from "./pin";

const PATCH = "From 1 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n\n---\n a | 1 +\n";

describe("merge pin", () => {
  it("matches the revision and patch it was made from, whatever their line endings", () => {
    const pin = pinOf(2, PATCH);
    expect(matchesPin(pin, 2, PATCH)).toBe(true);
    expect(matchesPin(pin, 2, PATCH.replace(/\n/g, "\r\n"))).toBe(true);
    expect(matchesPin(pin, 2, PATCH.trimEnd())).toBe(true);
  });

  it("does not match a later revision, nor a changed patch under the same number", () => {
    const pin = pinOf(2, PATCH);
    expect(matchesPin(pin, 3, PATCH)).toBe(false);
    expect(matchesPin(pin, 2, PATCH.replace("a | 1 +", "b | 1 +"))).toBe(false);
  });

  it("reads a pin from form fields and refuses a missing or forged digest", () => {
    const digest = patchDigest(PATCH);
    expect(MergePinSchema.parse({ revision: "2", digest })).toEqual({ revision: 2, digest });
    expect(MergePinSchema.safeParse({ revision: "2", digest: "" }).success).toBe(false);
    expect(MergePinSchema.safeParse({ revision: "x", digest }).success).toBe(false);
  });
});
