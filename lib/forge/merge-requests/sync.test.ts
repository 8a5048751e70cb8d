// Merge request items and their revisions into the cache, from a captured git merge request.
import { beforeAll, describe, expect, it } from "vitest";
import { itemVersions } from "@/lib/cache/item-versions";
import { findMergeRequest, listRevisions } from "@/lib/cache/merge-requests";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED,
  CAPTURED_NODES,
  capturedContext,
  capturedPayload,
  changesDuring,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { decodeMergeRequest, encodeMergeRequest } from "./codec";
import { encodeRevision, revisionItemId } from "./revision-codec";
import { mergeRequestSync, revisionSync } from "./sync";

const requests = capturedContext(CAPTURED_NODES.mergeRequests);
const revisions = capturedContext(CAPTURED_NODES.mergeRequestRevisions);
const KEY = `pubsub.forge.test/${CAPTURED_NODES.mergeRequests}/mr1`;
const request = () => itemOf("mr1", capturedPayload("f1_mr_git_type.xml"), "carol@forge.test");
const revision = (mergeRequest: string, number: number, publisher = "carol@forge.test") =>
  itemOf(
    revisionItemId(mergeRequest, number),
    encodeRevision({
      mergeRequest,
      revision: number,
      patch: "second series\n",
      created: "2026-11-25T16:00:00Z",
    }),
    publisher,
  );

describe("merge request sync", () => {
  useCacheDatabase();
  beforeAll(() => cacheProject());

  it("caches a merge request with its series as its first revision, and announces it", async () => {
    let applied = 0;
    const changes = await changesDuring(async () => {
      ({ applied } = await mergeRequestSync.applyItems(requests, [request()]));
    });
    expect(applied).toBe(1);
    expect(await findMergeRequest(KEY)).toMatchObject({
      title: "git fix (type git)",
      author: "Carol",
      scm: "git",
      revision: 1,
      linesAdded: 1,
      linesRemoved: 1,
    });
    expect((await listRevisions(KEY)).map((row) => row.revision)).toEqual([1]);
    expect(changes).toEqual([
      { projectId: "pubsub.forge.test/projX", kind: "merge-request", id: KEY },
    ]);
  });

  it("adds a later revision, and leaves one of an unknown merge request for later", async () => {
    await mergeRequestSync.applyItems(requests, [request()]);
    const result = await revisionSync.applyItems(revisions, [
      revision("mr1", 2),
      revision("unknown", 1),
    ]);
    expect(result).toEqual({ applied: 1, rejected: [], commentsNodes: [] });
    const cached = await listRevisions(KEY);
    expect(cached.map((row) => [row.revision, row.patch])).toEqual([
      [1, expect.stringContaining("git fix")],
      [2, "second series\n"],
    ]);
  });

  it("reports a ticket posted to the merge request tracker", async () => {
    const result = await mergeRequestSync.applyItems(requests, [
      itemOf("ticket", capturedPayload("d1_minimal.xml")),
    ]);
    expect(result.applied).toBe(0);
    expect(result.rejected).toEqual([
      { node: CAPTURED_NODES.mergeRequests, itemId: "ticket", reason: expect.any(String) },
    ]);
  });

  it("deletes a retracted merge request, its revisions with it", async () => {
    await mergeRequestSync.applyItems(requests, [request()]);
    const changes = await changesDuring(() => mergeRequestSync.applyRetractions(requests, ["mr1"]));
    expect(await findMergeRequest(KEY)).toBeNull();
    expect(await listRevisions(KEY)).toEqual([]);
    expect(changes).toEqual([
      { projectId: "pubsub.forge.test/projX", kind: "merge-request", id: KEY },
    ]);
  });
});

describe("merge request sync: revisions added by others", () => {
  useCacheDatabase();
  beforeAll(() => cacheProject(CAPTURED.service, CAPTURED.slug, { owner: "owner@forge.test" }));

  /** The captured merge request carrying a second series, republished by `publisher`. */
  function revised(publisher: string) {
    const decoded = decodeMergeRequest(capturedPayload("f1_mr_git_type.xml"));
    if (!decoded.ok) throw new Error(decoded.reason);
    const payload = encodeMergeRequest(decoded.mergeRequest, {
      patch: { text: "second series\n", revision: 2 },
      updated: "2026-11-25T16:00:00Z",
    });
    return itemOf("mr1", payload, publisher);
  }

  it("flags a merge request a stranger revised, and the revision it brought", async () => {
    await mergeRequestSync.applyItems(requests, [request()]);
    await mergeRequestSync.applyItems(requests, [revised("mallory@evil.test")]);
    await revisionSync.applyItems(revisions, [revision("mr1", 2, "mallory@evil.test")]);
    expect(await findMergeRequest(KEY)).toMatchObject({
      revision: 2,
      firstPublisher: "carol@forge.test",
      flaggedBy: "mallory@evil.test",
    });
    expect((await listRevisions(KEY)).map((row) => [row.revision, row.flaggedBy])).toEqual([
      [1, ""],
      [2, "mallory@evil.test"],
    ]);
    const [kept] = await itemVersions(KEY);
    expect(kept).toMatchObject({ publisher: "carol@forge.test", trusted: true });
  });

  it("flags a revision published straight to the revisions node, but not the opener's or a maintainer's", async () => {
    await revisionSync.applyItems(revisions, [
      revision("mr1", 3, "mallory@evil.test"),
      revision("mr1", 4, "carol@forge.test"),
      revision("mr1", 5, "owner@forge.test"),
    ]);
    const flags = (await listRevisions(KEY)).map((row) => [row.revision, row.flaggedBy]);
    expect(flags.slice(2)).toEqual([
      [3, "mallory@evil.test"],
      [4, ""],
      [5, ""],
    ]);
  });
});
