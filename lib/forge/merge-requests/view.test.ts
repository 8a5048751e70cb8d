import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Comment } from "@/lib/generated/prisma/client";
import { inlineCommentId, parseRevision, splitComments } from "./view";

const comment = (itemId: string, anchor: Partial<Comment> = {}): Comment => ({
  id: `pubsub.a.test/comments/${itemId}`,
  service: "pubsub.a.test",
  node: "comments",
  itemId,
  publisher: "alice@a.test",
  event: null,
  authorName: "",
  contentMarkdown: "",
  contentHtml: "",
  published: new Date(0),
  updated: new Date(0),
  rawXml: "",
  anchorFile: null,
  anchorSide: null,
  anchorLine: null,
  anchorRevision: null,
  replyTo: null,
  resolution: null,
  firstSeenAt: null,
  ...anchor,
});

describe("splitComments", () => {
  it("keeps every inline comment, with the revision it was made on (1 when unsaid)", () => {
    const plain = comment("a");
    const onOne = comment("b", { anchorFile: "x.ts", anchorSide: "new", anchorLine: 3 });
    const onTwo = comment("c", {
      anchorFile: "x.ts",
      anchorSide: "old",
      anchorLine: 4,
      anchorRevision: 2,
    });
    const { discussion, inline } = splitComments([plain, onOne, onTwo]);
    expect(discussion).toEqual([plain]);
    expect(inline.map((i) => i.anchor)).toEqual([
      { file: "x.ts", side: "new", line: 3, revision: 1 },
      { file: "x.ts", side: "old", line: 4, revision: 2 },
    ]);
  });
});

describe("inlineCommentId", () => {
  it("is a usable DOM id whatever the item id", () => {
    expect(inlineCommentId({ itemId: "a b/c:d" })).toBe("inline-a_b_c_d");
  });
});

describe("parseRevision", () => {
  it("gives the series' changesets and its combined diff, each file once", () => {
    const patch = readFileSync(
      new URL("../../scm/__fixtures__/git-series.mbox", import.meta.url),
      "utf8",
    );
    const parsed = parseRevision("git", {
      id: "mr#1",
      mergeRequestId: "mr",
      revision: 1,
      patch,
      publisher: "",
      flaggedBy: "",
      created: new Date(0),
      rawXml: "",
      firstSeenAt: null,
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    const paths = parsed.files.map((f) => (f.status === "deleted" ? f.oldPath : f.newPath));
    expect(new Set(paths).size).toBe(paths.length);
    // new.txt and noeol.txt are touched by both commits, and shown once, combined.
    expect(parsed.changesets.flatMap((c) => c.files)).toHaveLength(paths.length + 2);
    expect(parsed.files.filter((f) => f.uncombined)).toEqual([]);
    expect(parsed.files.find((f) => f.newPath === "noeol.txt")?.steps).toEqual([0, 1]);
  });
});
