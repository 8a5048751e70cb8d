import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinearIn } from "@/lib/testing/linear-time";
import { readCappedDiff } from "./capped-diff";
import { ScmError } from "./errors";
import { parseBlamePorcelain } from "./git-commands/blame-porcelain";
import { parseSummaries } from "./git-commands/summary-format";
import { annotatedChangesets, blameOfAnnotation } from "./hg-commands/annotate-json";

// What the code browser reads from git and hg describes a repository anyone may have filled:
// every reader must either read it or refuse it with an ScmError, in time linear in its size.

const ID = "a".repeat(40);
const OTHER = "b".repeat(40);

/** Lines built from what `git blame --porcelain` prints, so the fuzzing reaches deep paths. */
const porcelainish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        `${ID} 1 1 1`,
        `${ID} 2 2`,
        `${OTHER} 1 2 1`,
        "author A",
        "author-mail <a@example>",
        "author-time 0",
        "author-time 99999999999999999999",
        "author-tz +0100",
        "author-tz -99",
        "summary x",
        "boundary",
        "filename x",
        "\tline",
        "\t",
        "",
      ),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join("\n"));

const annotationish = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc
    .array(
      fc.record({
        node: fc.constantFrom(ID, OTHER, "x"),
        lineno: fc.oneof(fc.nat(), fc.double()),
        line: fc.string({ maxLength: 5 }),
        user: fc.string({ maxLength: 5 }),
        date: fc.tuple(fc.double(), fc.double()),
      }),
      { maxLength: 5 },
    )
    .map((lines) => JSON.stringify([{ lines, path: "x" }])),
);

function readsOrRefuses(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof ScmError)) throw error;
  }
}

describe("code browser readers on arbitrary text", () => {
  it("read or refuse with an ScmError, nothing else", () => {
    fc.assert(
      fc.property(fc.oneof(porcelainish, fc.string({ maxLength: 200 })), (text) => {
        readsOrRefuses(() => parseBlamePorcelain(text));
        readsOrRefuses(() => parseSummaries(text));
        readsOrRefuses(() => readCappedDiff(text, false));
        readsOrRefuses(() => readCappedDiff(text, true));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(annotationish, (json) => {
        readsOrRefuses(() => annotatedChangesets(json));
        readsOrRefuses(() => blameOfAnnotation(json, []));
      }),
      { numRuns: 500 },
    );
  });

  it("keep every line of a well-formed blame, in order, with its commit", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.string()), { maxLength: 20 }), (rows) => {
        const texts = rows.map(([, text]) => text.replace(/\n/g, ""));
        const seen = new Set<string>();
        const porcelain = rows
          .map(([other], i) => {
            const id = other ? OTHER : ID;
            const details = seen.has(id) ? "" : `author A\nauthor-time 0\nsummary s${id[0]}\n`;
            seen.add(id);
            return `${id} ${i + 1} ${i + 1} 1\n${details}\t${texts[i]}`;
          })
          .join("\n");
        const blame = parseBlamePorcelain(porcelain);
        expect(blame.lines.map((line) => line.text)).toEqual(texts);
        expect(blame.lines.map((line) => line.commit)).toEqual(rows.map(([o]) => (o ? OTHER : ID)));
      }),
      { numRuns: 300 },
    );
  });

  it("refuse a blame whose lines are out of order or lack their text", () => {
    const head = `${ID} 1 1 1\nauthor A\nauthor-time 0`;
    expect(() => parseBlamePorcelain(`${head}\n\tx\n${ID} 1 3 1\n\ty`)).toThrow(ScmError);
    expect(() => parseBlamePorcelain(head)).toThrow(ScmError);
    expect(() => parseBlamePorcelain(`${ID} 1 1 1\n\tx`)).toThrow(/no author/);
  });
});

describe("code browser readers on long hostile text", () => {
  const blameLine = (i: number) => `${ID} ${i + 1} ${i + 1} 1\n\tline ${i}\n`;
  const annotation = (n: number) =>
    JSON.stringify([
      {
        lines: Array.from({ length: n }, (_, i) => ({
          node: i % 2 ? ID : OTHER,
          lineno: i + 1,
          line: `line ${i}\n`,
          user: "A <a@example>",
          date: [0, 0],
        })),
      },
    ]);
  const cases: [string, (n: number) => string, (text: string) => void, number][] = [
    [
      "many blamed lines",
      (n) =>
        `${ID} 1 1 1\nauthor A\nauthor-time 0\n\tfirst\n` +
        Array.from({ length: n }, (_, i) => blameLine(i + 1)).join(""),
      (t) => parseBlamePorcelain(t),
      10_000,
    ],
    [
      "one long blamed line",
      (n) => `${ID} 1 1 1\nauthor ${"a".repeat(n)}\nauthor-time 0\n\t${"x".repeat(n)}\n`,
      (t) => parseBlamePorcelain(t),
      500_000,
    ],
    [
      "a long header line",
      (n) => `${"a ".repeat(n)}\n`,
      (t) => readsOrRefuses(() => parseBlamePorcelain(t)),
      200_000,
    ],
    ["a long annotation", annotation, (t) => blameOfAnnotation(t, []), 10_000],
    [
      "many NULs in a log",
      (n) => "\0".repeat(n),
      (t) => readsOrRefuses(() => parseSummaries(t)),
      200_000,
    ],
    [
      "a diff cut in many places",
      (n) => "diff --git a/x b/x\nold mode 100644\nnew mode 100755\n".repeat(n),
      (t) => readCappedDiff(t, true),
      10_000,
    ],
  ];
  for (const [name, input, read, n] of cases) {
    it(`stays linear on ${name}`, () => expectLinearIn(input, read, n));
  }
});
