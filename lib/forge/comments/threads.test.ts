import { describe, expect, it } from "vitest";
import type { Comment } from "@/lib/generated/prisma/client";
import { buildThreads, type ResolutionRights, unresolvedThreads } from "./threads";

let clock = 0;
const row = (itemId: string, fields: Partial<Comment> = {}): Comment => ({
  id: `pubsub.a.test/comments/${itemId}`,
  service: "pubsub.a.test",
  node: "comments",
  itemId,
  publisher: "bob@b.test",
  event: null,
  authorName: "",
  contentMarkdown: "",
  contentHtml: "",
  published: new Date(++clock * 1000),
  updated: new Date(clock * 1000),
  rawXml: "",
  anchorFile: null,
  anchorSide: null,
  anchorLine: null,
  anchorRevision: null,
  replyTo: null,
  resolution: null,
  firstSeenAt: null,
  ...fields,
});
const inline = (itemId: string, fields: Partial<Comment> = {}) =>
  row(itemId, {
    anchorFile: "a.ts",
    anchorSide: "new",
    anchorLine: 3,
    anchorRevision: 1,
    ...fields,
  });
const resolution = (itemId: string, thread: string, state: string, publisher: string) =>
  row(itemId, { publisher, replyTo: thread, resolution: JSON.stringify({ thread, state }) });

const RIGHTS: ResolutionRights = {
  mergeRequestAuthor: "alice@a.test",
  maintainers: new Set(["maint@a.test"]),
};
const shape = (comments: Comment[]) =>
  buildThreads(comments, RIGHTS).map((thread) => ({
    root: thread.root.itemId,
    replies: thread.replies.map((reply) => reply.itemId),
    resolved: thread.resolution?.state,
  }));

describe("buildThreads", () => {
  it("is flat: a reply to a reply joins its root's thread", () => {
    const comments = [
      inline("r"),
      row("a", { replyTo: "r" }),
      row("b", { replyTo: "a" }),
      row("plain"),
    ];
    expect(shape(comments)).toEqual([
      { root: "r", replies: ["a", "b"], resolved: undefined },
      { root: "plain", replies: [], resolved: undefined },
    ]);
  });

  it("shows a reply to an unknown item, or to a resolution, as a plain comment", () => {
    const comments = [
      inline("r"),
      row("lost", { replyTo: "nowhere" }),
      resolution("res", "r", "resolved", "bob@b.test"),
      row("to-res", { replyTo: "res" }),
    ];
    expect(shape(comments).map((thread) => thread.root)).toEqual(["r", "lost", "to-res"]);
  });

  it("cuts a cycle of replies where it closes, and keeps every comment once", () => {
    const comments = [
      row("a", { replyTo: "b" }),
      row("b", { replyTo: "a" }),
      row("c", { replyTo: "c" }),
    ];
    const threads = shape(comments);
    expect(threads.flatMap((thread) => [thread.root, ...thread.replies]).sort()).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("counts the resolution of the thread's author, the merge request's or a maintainer", () => {
    for (const who of ["bob@b.test", "Alice@a.test/web", "maint@a.test"]) {
      const threads = shape([inline("r"), resolution("res", "r", "resolved", who)]);
      expect(threads).toEqual([{ root: "r", replies: [], resolved: "resolved" }]);
    }
  });

  it("ignores a stranger's resolution, shown as a reply that changes nothing", () => {
    const comments = [inline("r"), resolution("res", "r", "resolved", "mallory@evil.test")];
    expect(shape(comments)).toEqual([{ root: "r", replies: ["res"], resolved: undefined }]);
    expect(unresolvedThreads(buildThreads(comments, RIGHTS))).toHaveLength(1);
  });

  it("lets the latest resolution that counts win", () => {
    const comments = [
      inline("r"),
      resolution("x", "r", "resolved", "bob@b.test"),
      resolution("y", "r", "open", "alice@a.test"),
      resolution("z", "r", "resolved", "mallory@evil.test"),
    ];
    expect(shape(comments)[0]!.resolved).toBe("open");
    const reResolved = [...comments, resolution("w", "r", "resolved", "maint@a.test")];
    expect(unresolvedThreads(buildThreads(reResolved, RIGHTS))).toEqual([]);
  });

  it("resolves only inline threads; general comments never count as unresolved", () => {
    const comments = [row("g"), resolution("res", "g", "resolved", "bob@b.test"), inline("i")];
    const threads = buildThreads(comments, RIGHTS);
    expect(threads.find((t) => t.root.itemId === "g")!.resolution).toBeUndefined();
    expect(unresolvedThreads(threads).map((thread) => thread.root.itemId)).toEqual(["i"]);
  });

  it("finds a resolution's thread through a reply it names", () => {
    const comments = [
      inline("r"),
      row("a", { replyTo: "r" }),
      resolution("res", "a", "resolved", "bob@b.test"),
    ];
    expect(shape(comments)).toEqual([{ root: "r", replies: ["a"], resolved: "resolved" }]);
  });

  it("follows a long chain of replies without recursion", () => {
    const chain = [
      inline("c0"),
      ...Array.from({ length: 5_000 }, (_, i) => row(`c${i + 1}`, { replyTo: `c${i}` })),
    ];
    const [thread] = buildThreads(chain, RIGHTS);
    expect(thread!.replies).toHaveLength(5_000);
  });
});
