// Merge request items and their revisions into the cache, from a captured git merge request.
import { beforeAll, describe, expect, it } from "vitest";
import { findMergeRequest, listRevisions } from "@/lib/cache/merge-requests";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED_NODES,
  capturedContext,
  capturedPayload,
  changesDuring,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { encodeRevision, revisionItemId } from "./revision-codec";
import { mergeRequestSync, revisionSync } from "./sync";

const requests = capturedContext(CAPTURED_NODES.mergeRequests);
const revisions = capturedContext(CAPTURED_NODES.mergeRequestRevisions);
const KEY = `pubsub.forge.test/${CAPTURED_NODES.mergeRequests}/mr1`;
const request = () => itemOf("mr1", capturedPayload("f1_mr_git_type.xml"), "carol@forge.test");
const revision = (mergeRequest: string, number: number) =>
  itemOf(
    revisionItemId(mergeRequest, number),
    encodeRevision({
      mergeRequest,
      revision: number,
      patch: "second series\n",
      created: "2026-11-25T16:00:00Z",
    }),
    "carol@forge.test",
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
