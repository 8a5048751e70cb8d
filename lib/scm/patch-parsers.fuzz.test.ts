import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinearIn } from "@/lib/testing/linear-time";
import { detectSeriesKind, parseSeries } from "./detect-series";
import { PatchParseError } from "./errors";
import { formatPatch, parseGitSeries } from "./git-series";
import { parseHgSeries } from "./hg-series";
import { parseUnifiedDiff } from "./unified-diff";

// Patches come from strangers: every reader must either read them or refuse them with a
// PatchParseError, and in time linear in their size.

const FROM = `From ${"a".repeat(40)} Mon Sep 17 00:00:00 2001`;
const MAIL = `${FROM}\nFrom: A <a@example>\nDate: Mon, 1 Jan 2001 00:00:00 +0000\n`;
const HG = "# HG changeset patch";

/** Lines built from the pieces patch readers look for, so the fuzzing reaches deep paths. */
const patchish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        FROM,
        HG,
        "# User A <a@example>",
        "# Date 0 0",
        `# Node ID ${"b".repeat(40)}`,
        "# Parent x",
        "From: A <a@example>",
        "Date: Mon, 1 Jan 2001 00:00:00 +0000",
        "Subject: [PATCH 1/2] x",
        "diff --git a/x b/x",
        'diff --git "a/\\303\\274" "b/\\303\\274"',
        "--- a/x",
        "+++ b/x",
        "--- /dev/null",
        "@@ -1 +1 @@",
        "@@ -1,2 +0,0 @@ f",
        "@@@ -1 -1 +1 @@@",
        "index 0123abcd..4567cdef 100644",
        "new file mode 100644",
        "rename from a",
        "rename to b",
        "similarity index 90%",
        "GIT binary patch",
        "literal 5",
        "delta 3",
        "Binary files a/x and b/x differ",
        "-- ",
        "---",
        "base-commit: abc",
        "\\ No newline at end of file",
        "",
      ),
      fc.string({ maxLength: 12 }).map((s) => s),
      fc.constantFrom("-", "+", " ").chain((c) => fc.string({ maxLength: 6 }).map((s) => c + s)),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join("\n"));

function readsOrRefuses(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof PatchParseError)) throw error;
  }
}

describe("patch readers on arbitrary text", () => {
  it("read or refuse with a PatchParseError, nothing else", () => {
    fc.assert(
      fc.property(fc.oneof(patchish, fc.string({ maxLength: 200 })), (text) => {
        readsOrRefuses(() => parseUnifiedDiff(text));
        readsOrRefuses(() => parseGitSeries(text));
        readsOrRefuses(() => parseHgSeries(text));
        readsOrRefuses(() => parseSeries(text));
        const detected = detectSeriesKind(text);
        expect(detected.kind === null ? typeof detected.reason : detected.kind).toMatch(
          /^(string|git|hg)$/,
        );
      }),
      { numRuns: 400 },
    );
  });

  it("format-patch output reads back as the same changesets", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "é", " ", "[", "]", "1", "/"),
      maxLength: 30,
    });
    fc.assert(
      fc.property(text, text, (name, subject) => {
        const changeset = {
          id: "c".repeat(40),
          parents: [],
          author: { name: name.trim().replace(/[<>"\\]/g, ""), email: "a@example" },
          date: "2001-01-01T00:00:00Z",
          message: subject.trim() || "x",
          files: parseUnifiedDiff("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"),
        };
        const [read] = parseGitSeries(formatPatch([changeset])).changesets;
        expect(read!.author).toEqual(changeset.author);
        expect(read!.files).toEqual(changeset.files);
      }),
      { numRuns: 200 },
    );
  });
});

describe("patch readers on long hostile text", () => {
  const diff = (body: string) => `--- a/x\n+++ b/x\n${body}`;
  const cases: [string, (n: number) => string, (text: string) => void, number][] = [
    [
      "many hunks",
      (n) => diff("@@ -1 +1 @@\n-a\n+b\n".repeat(n)),
      (t) => parseUnifiedDiff(t),
      20_000,
    ],
    [
      "a run of @@",
      (n) => diff(`@@ ${"@@".repeat(n)}\n`),
      (t) => readsOrRefuses(() => parseUnifiedDiff(t)),
      100_000,
    ],
    [
      "many file headers",
      (n) => "diff --git a/x b/x\nold mode 100644\nnew mode 100755\n".repeat(n),
      (t) => parseUnifiedDiff(t),
      10_000,
    ],
    [
      "spaces in a diff --git line",
      (n) => `diff --git ${"a ".repeat(n)}\nold mode 100644\n`,
      (t) => readsOrRefuses(() => parseUnifiedDiff(t)),
      100_000,
    ],
    [
      "a long quoted name",
      (n) => `diff --git "${"\\\\".repeat(n)}" b\nold mode 100644\n`,
      (t) => readsOrRefuses(() => parseUnifiedDiff(t)),
      50_000,
    ],
    [
      "one repeated character",
      (n) => "-".repeat(n),
      (t) => readsOrRefuses(() => parseSeries(t)),
      250_000,
    ],
    ["whitespace", (n) => ` \t\n`.repeat(n), (t) => readsOrRefuses(() => parseSeries(t)), 100_000],
    // Was quadratic: the subject-prefix pattern looked ahead for \d+/\d+ from every digit.
    [
      "digits in a subject prefix",
      (n) => `${MAIL}Subject: [${"1".repeat(n)}\n\nx\n`,
      (t) => readsOrRefuses(() => parseGitSeries(t)),
      100_000,
    ],
    [
      "folded header lines",
      (n) => `${MAIL}Subject: x\n${" y\n".repeat(n)}\n`,
      (t) => readsOrRefuses(() => parseGitSeries(t)),
      50_000,
    ],
    [
      "many mails",
      (n) =>
        `${MAIL}Subject: x\n\nbody\n---\n${"--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"}`.repeat(n),
      (t) => readsOrRefuses(() => parseGitSeries(t)),
      2_500,
    ],
    // Was quadratic: each `# Parent` line copied the list of those before it.
    [
      "many hg header lines",
      (n) => `${HG}\n${"# Parent abc\n".repeat(n)}`,
      (t) => readsOrRefuses(() => parseHgSeries(t)),
      25_000,
    ],
  ];
  for (const [name, input, read, n] of cases) {
    it(`stays linear on ${name}`, () => expectLinearIn(input, read, n));
  }
});
