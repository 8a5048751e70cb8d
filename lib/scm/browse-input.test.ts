import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRepoPath, checkRevision, RefusedInputError } from "./browse-input";

describe("revisions and paths from URLs", () => {
  it("takes branch, tag and bookmark names and commit ids", () => {
    for (const rev of [
      "main",
      "feature/x",
      "v1.0",
      "release-1.2",
      "café",
      "my branch",
      "a".repeat(40),
    ]) {
      expect(checkRevision(rev)).toBe(rev);
    }
  });

  it("refuses options, revision expressions, control characters and excess", () => {
    const refused = [
      "",
      "-x",
      "--output=/tmp/x",
      "--upload-pack=touch /tmp/x",
      "a..b",
      "a...b",
      "main~1",
      "main^",
      "main^{tree}",
      "HEAD:secret.txt",
      ":/fix",
      "@{1}",
      "main@{yesterday}",
      "ma*n",
      "a\\b",
      "a\nb",
      "a\0b",
      " main",
      "main ",
      "x".repeat(257),
    ];
    for (const rev of refused) expect(() => checkRevision(rev), rev).toThrow(RefusedInputError);
  });

  it("takes paths inside a repository, and refuses ways out and odd spellings", () => {
    for (const path of [
      "",
      "a",
      "src/app.ts",
      "sub dir/ünï.txt",
      "-rf",
      ":(glob)*",
      ".hgtags",
      "a/.b",
    ]) {
      expect(checkRepoPath(path)).toBe(path);
    }
    const refused = [
      "/etc/passwd",
      "../x",
      "a/../../x",
      "a/..",
      "./a",
      "a/./b",
      "a//b",
      "a/",
      "a\0b",
      "a\nb",
    ];
    for (const path of refused) expect(() => checkRepoPath(path), path).toThrow(RefusedInputError);
    expect(() => checkRepoPath("a/".repeat(3000))).toThrow(RefusedInputError);
  });

  it("never lets through what an SCM would read as an option or a way out", () => {
    const pieces = fc.constantFrom(
      "-",
      ".",
      "..",
      "/",
      "~",
      "^",
      ":",
      "@",
      "{",
      "a",
      " ",
      "\0",
      "\n",
    );
    const text = fc
      .array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 12 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (input) => {
        try {
          const rev = checkRevision(input);
          expect(rev).toBe(input);
          expect(rev).not.toMatch(/^-|\.\.|[~^:]|@\{|[\x00-\x1f]/);
        } catch (error) {
          expect(error).toBeInstanceOf(RefusedInputError);
        }
        try {
          const path = checkRepoPath(input);
          expect(path.startsWith("/")).toBe(false);
          expect(path.split("/")).not.toContain("..");
          expect(path).not.toMatch(/[\x00-\x1f]/);
        } catch (error) {
          expect(error).toBeInstanceOf(RefusedInputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
