// Comment items into the cache: Libervia's comment, counted on the ticket that links to it.
import { beforeAll, describe, expect, it } from "vitest";
import { findComment } from "@/lib/cache/comments";
import { findTicket } from "@/lib/cache/tickets";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { ticketSync } from "@/lib/forge/tickets/sync";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED_NODES,
  capturedContext,
  capturedPayload,
  changesDuring,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { commentSync } from "./sync";

// The ticket's comments node sits on another service than the project (see createCommentsNode).
const COMMENTS = {
  service: "pubsub.elsewhere.test",
  node: `urn:xmpp:microblog:0:comments/${CAPTURED_NODES.tickets}_0123456789abcdef`,
};
const TICKET_KEY = `pubsub.forge.test/${CAPTURED_NODES.tickets}/t1`;
const COMMENT_KEY = `${COMMENTS.service}/${COMMENTS.node}/-cHwQ`;
const context = { ...capturedContext(COMMENTS.node), service: COMMENTS.service };
const comment = () =>
  itemOf("-cHwQ", capturedPayload("comment_publish_iq.xml"), "bob@forge.test/libervia");

describe("comment sync", () => {
  useCacheDatabase();
  beforeAll(async () => {
    await cacheProject();
    const ticket = newTicketForm({
      title: "Crash",
      author: "alice",
      authorJid: "alice@forge.test",
      created: "2026-11-25T14:50:00Z",
      commentsUri: formatXmppUri({ jid: COMMENTS.service, node: COMMENTS.node }),
    });
    await ticketSync.applyItems(capturedContext(CAPTURED_NODES.tickets), [itemOf("t1", ticket)]);
  });

  it("finds the project through the ticket linking to the node, not the node's service", async () => {
    expect(await commentSync.projectIdOf!(COMMENTS.service, COMMENTS.node, "projX")).toBe(
      "pubsub.forge.test/projX",
    );
  });

  it("caches a Libervia comment and tells the ticket's viewers its new count", async () => {
    let applied = 0;
    const changes = await changesDuring(async () => {
      ({ applied } = await commentSync.applyItems(context, [comment()]));
    });
    expect(applied).toBe(1);
    expect(await findComment(COMMENT_KEY)).toMatchObject({
      publisher: "bob@forge.test", // the account; the item names the resource (libervia)
      authorName: "bob",
      contentMarkdown: "",
    });
    expect((await findComment(COMMENT_KEY))?.contentHtml).toContain(
      "I can reproduce this with an empty file.",
    );
    expect(await findTicket(TICKET_KEY)).toMatchObject({ commentCount: 1 });
    expect(changes).toEqual([
      {
        projectId: "pubsub.forge.test/projX",
        kind: "comment",
        id: COMMENTS.node,
        parentId: TICKET_KEY,
      },
    ]);
  });

  it("reports an item that is not an Atom entry", async () => {
    const result = await commentSync.applyItems(context, [
      itemOf("form", capturedPayload("d1_minimal.xml")),
    ]);
    expect(result).toMatchObject({
      applied: 0,
      rejected: [{ node: COMMENTS.node, itemId: "form", reason: expect.any(String) }],
    });
  });

  it("deletes a retracted comment and recounts", async () => {
    await commentSync.applyItems(context, [comment()]);
    await commentSync.applyRetractions(context, ["-cHwQ"]);
    expect(await findComment(COMMENT_KEY)).toBeNull();
    expect(await findTicket(TICKET_KEY)).toMatchObject({ commentCount: 0 });
  });

  it("forgets every comment of a purged node", async () => {
    await commentSync.applyItems(context, [comment()]);
    await commentSync.applyPurge!(context);
    expect(await findComment(COMMENT_KEY)).toBeNull();
  });
});
