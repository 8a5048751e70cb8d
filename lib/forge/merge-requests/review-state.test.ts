// Verdicts are read from the comment entries the cache keeps: a sync from nothing gives them back.
import { describe, expect, it } from "vitest";
import { listComments } from "@/lib/cache/comments";
import { addRevision, revisionsFirstSeen, upsertMergeRequest } from "@/lib/cache/merge-requests";
import { testMergeRequestRecord } from "@/lib/cache/testing/records";
import { encodeComment, encodeVerdictEntry } from "@/lib/forge/comments/codec";
import { commentSync } from "@/lib/forge/comments/sync";
import type { Verdict } from "@/lib/forge/comments/verdict";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { cacheProject, CAPTURED_ID, capturedContext, itemOf } from "@/lib/forge/testing/sync-items";
import { latestVerdicts } from "./review-rules";
import { reviewersOfRecord, verdictEntries } from "./review-state";
import { encodeMergeRequest, newMergeRequestForm, decodeMergeRequest } from "./codec";
import { revisionRecord } from "./records";

const NODE = "urn:xmpp:microblog:0:comments/review-test";
const context = capturedContext(NODE);

function verdictItem(id: string, publisher: string, verdict: Verdict, at: string) {
  const entry = encodeVerdictEntry({
    verdict,
    markdown: "",
    authorName: "x",
    // What the entry claims is not who it is from: the publisher is.
    authorJid: "carol@a.test",
    published: at,
    updated: at,
    id,
  });
  return itemOf(id, entry, `${publisher}/browser`);
}

const ITEMS = [
  verdictItem(
    "v1",
    "bob@b.test",
    { value: "request-changes", revision: 1 },
    "2026-12-05T09:00:00Z",
  ),
  verdictItem("v2", "carol@a.test", { value: "approve", revision: 2 }, "2026-12-05T09:01:00Z"),
  verdictItem("v3", "bob@b.test", { value: "approve", revision: 2 }, "2026-12-05T09:02:00Z"),
  itemOf(
    "c1",
    encodeComment({
      markdown: "Approved revision 2",
      authorName: "eve",
      authorJid: "eve@e.test",
      published: "2026-12-05T09:03:00Z",
      updated: "2026-12-05T09:03:00Z",
    }),
    "eve@e.test",
  ),
];

const SEEN_LONG_AGO = new Map([
  [1, null],
  [2, null],
]);

async function verdictsCached() {
  const entries = verdictEntries(await listComments(CAPTURED_ID, context.service, NODE));
  return [...latestVerdicts(entries, 2, SEEN_LONG_AGO)].map(([jid, latest]) => [
    jid,
    latest.verdict,
    latest.stale,
  ]);
}

describe("verdicts in the cache", () => {
  useCacheDatabase();

  it("are the same after a sync from an empty cache, in any order", async () => {
    await cacheProject();
    await commentSync.applyItems(context, ITEMS);
    const first = await verdictsCached();
    expect(first).toEqual([
      ["bob@b.test", { value: "approve", revision: 2 }, false],
      ["carol@a.test", { value: "approve", revision: 2 }, false],
    ]);
    await commentSync.applyPurge!(context);
    expect(await verdictsCached()).toEqual([]);
    await commentSync.applyItems(context, [...ITEMS].reverse());
    expect((await verdictsCached()).sort()).toEqual([...first].sort());
  }, 60_000);

  it("keep when an entry and a revision were first seen, so a later sync never dates them anew", async () => {
    await cacheProject();
    const ownNode = capturedContext(`${NODE}-first-seen`);
    const request = testMergeRequestRecord(1, { projectId: CAPTURED_ID });
    await upsertMergeRequest(request);
    const early = [
      verdictItem("v9", "carol@a.test", { value: "approve", revision: 2 }, "2026-12-05T08:00:00Z"),
    ];
    await commentSync.applyItems({ ...ownNode, observedAt: new Date(1_000) }, early);
    const revision = (seenAt: number) =>
      revisionRecord(
        request.id,
        2,
        "",
        { publisher: "", flaggedBy: "" },
        new Date(0),
        "",
        new Date(seenAt),
      );
    await addRevision(revision(2_000));
    // Fetched again later (a resync, a reconnect): both keep the time they were first seen.
    await commentSync.applyItems({ ...ownNode, observedAt: new Date(3_000) }, early);
    await addRevision(revision(3_000));
    const seen = await revisionsFirstSeen(request.id);
    expect(seen).toEqual(new Map([[2, new Date(2_000)]]));
    const entries = verdictEntries(await listComments(CAPTURED_ID, ownNode.service, ownNode.node));
    expect(entries.map((entry) => entry.firstSeenAt)).toEqual([new Date(1_000)]);
    expect(latestVerdicts(entries, 2, seen).size).toBe(0);
    // Carol approves again once revision 2 is there: that one counts.
    const again = [
      verdictItem("v10", "carol@a.test", { value: "approve", revision: 2 }, "2026-12-05T07:00:00Z"),
    ];
    await commentSync.applyItems({ ...ownNode, observedAt: new Date(4_000) }, again);
    const now = verdictEntries(await listComments(CAPTURED_ID, ownNode.service, ownNode.node));
    expect(latestVerdicts(now, 2, seen).get("carol@a.test")?.stale).toBe(false);
  }, 60_000);

  it("read requested reviewers back from the cached merge request item", () => {
    const form = newMergeRequestForm({
      title: "t",
      author: "alice",
      authorJid: "alice@a.test",
      created: "2026-12-05T09:00:00Z",
      bodyMarkdown: "",
      labels: [],
      patchType: "git_patch",
      patch: "",
      commentsUri: "",
      sourceUrl: "",
      sourceRef: "",
      targetBranch: "main",
    });
    const decoded = decodeMergeRequest(form);
    if (!decoded.ok) throw new Error(decoded.reason);
    const changed = encodeMergeRequest(decoded.mergeRequest, {
      reviewers: ["bob@b.test", "Carol@A.test", "not a jid", "bob@b.test"],
      updated: "2026-12-05T09:01:00Z",
    });
    const reread = decodeMergeRequest(changed);
    expect(reread.ok && reread.mergeRequest.reviewers).toEqual(["bob@b.test", "carol@a.test"]);
    // The cache's row keeps them as JSON (records.ts), read back without the item.
    expect(reviewersOfRecord({ reviewers: '["bob@b.test",7]' })).toEqual(["bob@b.test"]);
  });
});
