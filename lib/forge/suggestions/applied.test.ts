import { describe, expect, it } from "vitest";
import type { Comment, MergeRequestRevision } from "@/lib/generated/prisma/client";
import { parseXml } from "@/lib/xmpp/xml";
import { xmlString } from "@/lib/xmpp/xml-string";
import { NS_PUBFORGE_REVIEW } from "@/lib/forge/comments/review-namespace";
import { appliedOf, encodeAppliedEntry, MAX_APPLIED_PER_ENTRY } from "./applied";
import { appliedRevisions, newSideLines, readSuggestion } from "./suggestion";
import {
  CommentAnchorSchema,
  decodeComment,
  encodeComment,
  NS_ATOM,
} from "@/lib/forge/comments/codec";
import { MAX_ANCHOR_RANGE } from "@/lib/forge/comments/anchor-limits";

const overTheWire = (element: ReturnType<typeof encodeAppliedEntry>) =>
  parseXml(xmlString(element));

const entry = (revision = 2, comments = ["c1", "c2"]) =>
  encodeAppliedEntry({
    revision,
    comments,
    reviewers: ["bob@b.test"],
    authorName: "alice",
    authorJid: "alice@a.test",
    published: "2026-12-05T09:00:00.000Z",
  });

function row(rawXml: string, publisher: string, itemId = "x"): Comment {
  return { id: `k-${itemId}`, itemId, publisher, rawXml } as Comment;
}
const revision = (n: number, publisher: string, flaggedBy = "") =>
  ({ revision: n, publisher, flaggedBy }) as MergeRequestRevision;

describe("the entry recording applied suggestions", () => {
  it("round-trips, and reads as a comment with a sentence for other clients", () => {
    const wire = overTheWire(entry());
    expect(appliedOf(wire)).toEqual({ revision: 2, comments: ["c1", "c2"] });
    const decoded = decodeComment(wire);
    expect(decoded.ok && decoded.comment.text).toBe(
      "Applied 2 suggestions from bob@b.test in revision 2",
    );
  });

  it("needs both marks and a valid record; anything else is a plain comment", () => {
    const record = `<suggestions-applied xmlns="${NS_PUBFORGE_REVIEW}" revision="2"><comment item="c"/></suggestions-applied>`;
    const category = `<category scheme="${NS_PUBFORGE_REVIEW}" term="suggestions-applied"/>`;
    const shaped = (inside: string) =>
      parseXml(`<entry xmlns="${NS_ATOM}"><title>t</title>${inside}</entry>`);
    expect(appliedOf(shaped(category + record))).toEqual({ revision: 2, comments: ["c"] });
    expect(appliedOf(shaped(record))).toBeUndefined();
    expect(appliedOf(shaped(category))).toBeUndefined();
    expect(appliedOf(shaped(category + record + record))).toBeUndefined();
    for (const bad of ['revision="0"', 'revision="x"', 'revision="1.5"', ""]) {
      const hostile = record.replace('revision="2"', bad);
      expect(appliedOf(shaped(category + hostile)), bad).toBeUndefined();
    }
    const many = `<comment item="c"/>`.repeat(MAX_APPLIED_PER_ENTRY + 1);
    expect(
      appliedOf(shaped(category + record.replace('<comment item="c"/>', many))),
    ).toBeUndefined();
    expect(appliedOf(shaped(category + record.replace('item="c"', 'item=""')))).toBeUndefined();
  });

  it("counts only when its publisher published the unflagged revision it names", () => {
    const raw = xmlString(entry(2, ["c1"]));
    const by = (publisher: string, revisions: MergeRequestRevision[]) =>
      appliedRevisions([row(raw, publisher)], revisions).get("c1");
    expect(by("alice@a.test/res", [revision(2, "alice@a.test")])).toBe(2);
    expect(by("mallory@m.test", [revision(2, "alice@a.test")])).toBeUndefined();
    expect(by("alice@a.test", [revision(3, "alice@a.test")])).toBeUndefined();
    expect(by("alice@a.test", [revision(2, "alice@a.test", "alice@a.test")])).toBeUndefined();
  });
});

describe("reading a suggestion from an inline comment", () => {
  const files = [
    {
      oldPath: "a.txt",
      newPath: "a.txt",
      status: "modified" as const,
      binary: false,
      hunks: [
        {
          header: "@@ -1,3 +1,3 @@",
          oldStart: 1,
          oldLines: 3,
          newStart: 1,
          newLines: 3,
          lines: [
            { kind: "context" as const, text: "one", oldLine: 1, newLine: 1 },
            { kind: "del" as const, text: "three", oldLine: 2 },
            { kind: "add" as const, text: "THREE", newLine: 2 },
            { kind: "context" as const, text: "four", oldLine: 3, newLine: 3 },
          ],
        },
      ],
    },
  ];
  const comment = (markdown: string, anchor: object) =>
    row(
      xmlString(
        encodeComment({
          markdown,
          authorName: "bob",
          authorJid: "bob@b.test",
          published: "2026-12-05T09:00:00.000Z",
          updated: "2026-12-05T09:00:00.000Z",
          anchor: CommentAnchorSchema.parse({ file: "a.txt", side: "new", revision: 1, ...anchor }),
        }),
      ),
      "bob@b.test",
      "c1",
    );

  it("takes the replaced lines from the revision's diff, the new ones from the block", () => {
    const reading = readSuggestion(
      comment("```suggestion\nThree\n```", { from: 1, line: 2 }),
      files,
    );
    expect(reading).toMatchObject({
      ok: true,
      suggestion: {
        from: 1,
        to: 2,
        expected: ["one", "THREE"],
        lines: ["Three"],
        by: "bob@b.test",
      },
    });
  });

  it("says why a suggestion cannot be applied, and ignores comments without one", () => {
    expect(readSuggestion(comment("Nice.", { line: 2 }), files)).toBeUndefined();
    const reason = (markdown: string, anchor: object, diff = files) => {
      const reading = readSuggestion(comment(markdown, anchor), diff);
      return reading && !reading.ok ? reading.reason : reading;
    };
    const block = "```suggestion\nx\n```";
    expect(reason(block, { side: "old", line: 2 })).toMatch(/removed line/);
    expect(reason(`${block}\n${block}`, { line: 2 })).toMatch(/several/);
    expect(reason(block, { line: 4 })).toMatch(/does not show/);
    expect(reason(block, { line: 2 }, [])).toMatch(/does not show/);
  });

  it("finds new-side lines only when the diff shows every one", () => {
    expect(newSideLines(files, "a.txt", 2, 3)).toEqual(["THREE", "four"]);
    expect(newSideLines(files, "a.txt", 3, 4)).toBeUndefined();
    expect(newSideLines(files, "b.txt", 1, 1)).toBeUndefined();
  });
});

describe("an anchor's range", () => {
  it("starts at or before its line, and is bounded", () => {
    const anchor = { file: "a", side: "new", line: 10 };
    expect(CommentAnchorSchema.parse({ ...anchor, from: "4" }).from).toBe(4);
    expect(CommentAnchorSchema.safeParse({ ...anchor, from: 11 }).success).toBe(false);
    expect(CommentAnchorSchema.safeParse({ ...anchor, from: 0 }).success).toBe(false);
    const far = { ...anchor, line: MAX_ANCHOR_RANGE + 1 };
    expect(CommentAnchorSchema.safeParse({ ...far, from: 1 }).success).toBe(false);
    expect(CommentAnchorSchema.safeParse({ ...far, from: 2 }).success).toBe(true);
  });
});
