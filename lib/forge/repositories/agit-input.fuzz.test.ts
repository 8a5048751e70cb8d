import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinear } from "@/lib/testing/linear-time";
import { parsePushOptions, refsForCandidates } from "./agit-input";

// Push options and ref names come from whoever pushes: read whatever they are, in linear time.

describe("a push's options and refs/for/ ref", () => {
  it("reads any options and ref without failing, within bounds, in linear time", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.array(fc.string({ maxLength: 80 })),
        (line, options) => {
          const parsed = parsePushOptions(options);
          expect(parsed.title?.length ?? 0).toBeLessThanOrEqual(300);
          expect(parsed.topic ?? "").toMatch(/^[A-Za-z0-9._/-]*$/);
          expect(parsed.unknown.length).toBeLessThanOrEqual(8);
          expect(refsForCandidates(`refs/for/${line}`, undefined).length).toBeLessThanOrEqual(8);
        },
      ),
    );
    const ref = (n: number) => `refs/for/${"a/".repeat(n)}b`;
    expectLinear(
      () => refsForCandidates(ref(100_000), undefined),
      () => refsForCandidates(ref(200_000), undefined),
    );
  });

  it("takes title, description and topic; the last of each wins", () => {
    const description = Buffer.from("Line one\n\nLine two").toString("base64");
    expect(
      parsePushOptions([
        "title=First",
        "title= Fix the parser ",
        `description={base64}${description}`,
        "topic=fix parser!",
        "reviewer=carol",
      ]),
    ).toEqual({
      title: "Fix the parser",
      description: "Line one\n\nLine two",
      topic: "fix-parser-",
      unknown: ["reviewer"],
    });
    expect(refsForCandidates("refs/for/release/2.0/fix", undefined)).toEqual([
      { branch: "release/2.0/fix", topic: "" },
      { branch: "release/2.0", topic: "fix" },
      { branch: "release", topic: "2.0/fix" },
    ]);
    expect(refsForCandidates("refs/for/main", "t")).toEqual([{ branch: "main", topic: "t" }]);
    expect(refsForCandidates("refs/heads/main", undefined)).toEqual([]);
  });
});
