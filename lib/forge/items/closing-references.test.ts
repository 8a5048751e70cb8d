import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinearIn } from "@/lib/testing/linear-time";
import { closingReferences } from "./closing-references";

describe("tickets a merge request says it closes", () => {
  it("are the numbers after a closing keyword, in lists too", () => {
    expect(closingReferences("Closes #12")).toEqual([12]);
    expect(closingReferences("fix: parser\n\nFixes #3, #4 and #5.\nresolves: #7")).toEqual([
      3, 4, 5, 7,
    ]);
    expect(closingReferences("closed #2 and closing #2")).toEqual([2]);
    expect(closingReferences("Resolving #9; fixed #10")).toEqual([9, 10]);
  });

  it("are not numbers merely mentioned, or keywords inside words", () => {
    for (const text of [
      "See #12",
      "prefixes #3",
      "enclosed #4",
      "fixes#3",
      "fixes #0",
      "fixes #012",
      "fixes #12abc",
      "closes !7",
      "fixes issue 4",
    ]) {
      expect(closingReferences(text), text).toEqual([]);
    }
  });

  it("never throw and return only positive numbers on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        for (const n of closingReferences(text)) expect(n).toBeGreaterThan(0);
      }),
    );
  });

  it("take time linear in a hostile text's length", () => {
    expectLinearIn((n) => "fixes " + " ".repeat(n), closingReferences, 200_000);
    expectLinearIn((n) => "fixes #1, ".repeat(n), closingReferences, 40_000);
    expectLinearIn((n) => "fixes".repeat(n), closingReferences, 100_000);
  });
});
