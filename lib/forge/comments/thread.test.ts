// A ticket's thread, read once per change of its project (lib/forge/per-change.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/cache/db";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { ticketSync } from "@/lib/forge/tickets/sync";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED_ID,
  CAPTURED_NODES,
  capturedContext,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { encodeComment } from "./codec";
import { commentSync } from "./sync";
import { threadEntries } from "./thread";

const SERVICE = "pubsub.forge.test";
const NODE = `urn:xmpp:microblog:0:comments/${CAPTURED_NODES.tickets}_thread`;
const context = { ...capturedContext(NODE), service: SERVICE };
const at = "2026-12-01T10:00:00Z";
const comment = (id: string, markdown: string) =>
  itemOf(
    id,
    encodeComment({
      markdown,
      authorName: "bob",
      authorJid: "bob@forge.test",
      published: at,
      updated: at,
    }),
    "bob@forge.test",
  );
const texts = async () =>
  (await threadEntries(CAPTURED_ID, SERVICE, NODE)).map((entry) => entry.contentMarkdown.trim());

describe("threadEntries", () => {
  useCacheDatabase();
  beforeAll(async () => {
    await cacheProject();
    const ticket = newTicketForm({
      title: "Slow list",
      author: "alice",
      authorJid: "alice@forge.test",
      created: at,
      commentsUri: formatXmppUri({ jid: SERVICE, node: NODE }),
    });
    await ticketSync.applyItems(capturedContext(CAPTURED_NODES.tickets), [itemOf("t1", ticket)]);
  });

  it("reads the thread again only after a change of the project", async () => {
    await commentSync.applyItems(context, [comment("c1", "First")]);
    expect(await texts()).toEqual(["First"]);

    // Changed in the cache without a change announced (nothing in the app does that)…
    const db = await getDb();
    await db.comment.updateMany({ where: { node: NODE }, data: { contentMarkdown: "Rewritten" } });
    expect(await texts()).toEqual(["First"]);

    // …and seen with the next change: a new comment, or a purge of the node.
    await commentSync.applyItems(context, [comment("c2", "Second")]);
    expect(await texts()).toEqual(["Rewritten", "Second"]);
    await commentSync.applyPurge!(context);
    expect(await texts()).toEqual([]);
  });
});
