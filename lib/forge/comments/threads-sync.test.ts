// Threads into the cache: the merge request's unresolved count follows its comments node, and
// a sync from an empty cache gives the same state as the items arriving one by one.
import { beforeAll, describe, expect, it } from "vitest";
import { findComment, deleteCommentsOfNode } from "@/lib/cache/comments";
import { getDb } from "@/lib/cache/db";
import { findMergeRequest, setUnresolvedThreads } from "@/lib/cache/merge-requests";
import { mergeRequestSync } from "@/lib/forge/merge-requests/sync";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED,
  CAPTURED_NODES,
  capturedContext,
  capturedPayload,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { encodeComment, encodeResolutionEntry } from "./codec";
import { commentSync } from "./sync";

const NODE = "urn:xmpp:microblog:0:comments/mr1";
const KEY = `${CAPTURED.service}/${CAPTURED_NODES.mergeRequests}/mr1`;
const context = capturedContext(NODE);
const uri = (item: string) => formatXmppUri({ jid: CAPTURED.service, node: NODE, item });
const at = "2026-12-05T08:00:00.000Z";
const person = (jid: string) => ({ authorName: jid.split("@")[0]!, authorJid: jid });

const root = () =>
  itemOf(
    "root",
    encodeComment({
      markdown: "Off by one?",
      ...person("bob@b.test"),
      published: at,
      updated: at,
      anchor: { file: "a.ts", side: "new", line: 3, revision: 1 },
    }),
    "bob@b.test",
  );
const reply = () =>
  itemOf(
    "reply",
    encodeComment({
      markdown: "Fixed",
      ...person("carol@forge.test"),
      published: "2026-12-05T08:01:00.000Z",
      updated: "2026-12-05T08:01:00.000Z",
      inReplyTo: { ref: uri("root"), href: uri("root") },
    }),
    "carol@forge.test",
  );
const resolution = (itemId: string, publisher: string, minute: number) =>
  itemOf(
    itemId,
    encodeResolutionEntry({
      resolution: { thread: "root", state: "resolved" },
      inReplyTo: { ref: uri("root"), href: uri("root") },
      ...person(publisher),
      published: `2026-12-05T08:0${minute}:00.000Z`,
    }),
    publisher,
  );

describe("thread sync", () => {
  useCacheDatabase();
  beforeAll(async () => {
    await cacheProject();
    const requests = capturedContext(CAPTURED_NODES.mergeRequests);
    await mergeRequestSync.applyItems(requests, [
      itemOf("mr1", capturedPayload("f1_mr_git_type.xml"), "carol@forge.test"),
    ]);
    // The captured item names no comments node; the test gives it one.
    const db = await getDb();
    await db.mergeRequest.update({
      where: { id: KEY },
      data: { commentsUri: formatXmppUri({ jid: CAPTURED.service, node: NODE }) },
    });
  });

  it("counts an inline thread as unresolved, and a stranger's resolution changes nothing", async () => {
    await commentSync.applyItems(context, [root()]);
    expect(await findMergeRequest(KEY)).toMatchObject({ unresolvedThreads: 1 });
    await commentSync.applyItems(context, [
      reply(),
      resolution("stranger", "mallory@evil.test", 2),
    ]);
    expect(await findComment(`${CAPTURED.service}/${NODE}/reply`)).toMatchObject({
      replyTo: "root",
    });
    expect(await findMergeRequest(KEY)).toMatchObject({ unresolvedThreads: 1 });
  });

  it("counts the thread resolved once its author resolves it", async () => {
    await commentSync.applyItems(context, [resolution("by-author", "bob@b.test", 3)]);
    expect(await findMergeRequest(KEY)).toMatchObject({ unresolvedThreads: 0 });
  });

  it("gives the same state when rebuilt from the items in one sync of an empty cache", async () => {
    const before = await findComment(`${CAPTURED.service}/${NODE}/by-author`);
    await deleteCommentsOfNode(CAPTURED.service, NODE);
    await setUnresolvedThreads(KEY, 7);
    await commentSync.applyItems(context, [
      resolution("by-author", "bob@b.test", 3),
      resolution("stranger", "mallory@evil.test", 2),
      reply(),
      root(),
    ]);
    expect(await findMergeRequest(KEY)).toMatchObject({ unresolvedThreads: 0 });
    // All but when the cache first saw it: that is its own clock, not the items' content.
    expect({
      ...(await findComment(`${CAPTURED.service}/${NODE}/by-author`)),
      firstSeenAt: undefined,
    }).toEqual({ ...before, firstSeenAt: undefined });
  });

  it("counts the thread again when the resolution is retracted", async () => {
    await commentSync.applyRetractions(context, ["by-author"]);
    expect(await findMergeRequest(KEY)).toMatchObject({ unresolvedThreads: 1 });
  });
});
