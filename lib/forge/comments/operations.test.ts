// Comments against an in-memory pubsub service and a real SQLite cache: where they land, the
// counts the lists show, and who may edit them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findComment, listComments } from "@/lib/cache/comments";
import { findTicket } from "@/lib/cache/tickets";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject } from "@/lib/forge/projects/operations";
import { ELSEWHERE, fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { createTicket } from "@/lib/forge/tickets/operations";
import { NS_ATOM } from "./codec";
import { actionError } from "@/lib/http/action-result";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { addComment, editComment } from "./operations";
import { ticketFields } from "@/lib/forge/testing/spam";

describe("comment operations", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  let ticketId: string;
  let thread: { jid: string; node: string };

  beforeAll(async () => {
    const projectId = await createProject(alice, projectForm("talk"));
    ({ id: ticketId } = await createTicket(alice, projectId, ticketFields("Discuss")));
    const uri = parseXmppUri((await findTicket(ticketId))!.commentsUri)!;
    thread = { jid: uri.jid, node: uri.node! };
  }, 30_000);
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  it("publishes a comment to the ticket's comments node, caches it and counts it", async () => {
    expect((await findTicket(ticketId))?.commentCount).toBe(0);
    await addComment(bob, ticketId, "  I can **reproduce** it.  ");

    const items = [...pubsub.node(thread.jid, thread.node)!.items.values()];
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item!.attrs.publisher).toBe("bob@b.test");
    const entry = item!.getChild("entry", NS_ATOM)!;
    expect(entry.getChildText("id", NS_ATOM)).toBe(
      `xmpp:${thread.jid}?;node=${encodeURIComponent(thread.node)};item=${item!.attrs.id}`,
    );
    expect(entry.toString()).toContain("I can **reproduce** it.");

    const [cached] = await listComments(`${HOME}/talk`, thread.jid, thread.node);
    expect(cached).toMatchObject({
      publisher: "bob@b.test",
      contentMarkdown: "I can **reproduce** it.",
    });
    expect((await findTicket(ticketId))?.commentCount).toBe(1);

    await addComment(alice, ticketId, "Thanks");
    expect((await findTicket(ticketId))?.commentCount).toBe(2);
  });

  it("keeps where an inline comment points", async () => {
    await addComment(alice, ticketId, "Here", { file: "src/a.ts", side: "new", line: "12" });
    const comments = await listComments(`${HOME}/talk`, thread.jid, thread.node);
    expect(comments.find((c) => c.contentMarkdown === "Here")).toMatchObject({
      anchorFile: "src/a.ts",
      anchorSide: "new",
      anchorLine: 12,
    });
  });

  it("refuses an empty comment and a parent without a comments node, publishing nothing", async () => {
    const before = pubsub.requests.length;
    await expect(addComment(alice, ticketId, "   ")).rejects.toThrow(/Write something/);
    await expect(addComment(alice, `${HOME}/nowhere/1`, "Hello")).rejects.toMatchObject({
      code: "no-comments-node",
    });
    expect(pubsub.requests.length).toBe(before);
  });

  it("lets only the author edit a comment, and republishes it under the same id", async () => {
    const [mine] = (await listComments(`${HOME}/talk`, thread.jid, thread.node)).filter(
      (c) => c.publisher === "bob@b.test",
    );
    const refusal = await editComment(alice, mine!.id, "Not yours").catch(
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({ code: "not-comment-author" });
    expect(actionError(refusal).message).toBe("Only the author of a comment can edit it.");
    await editComment(bob, mine!.id, "I can reproduce it on Firefox too.");
    const item = pubsub.node(thread.jid, thread.node)!.items.get(mine!.itemId)!;
    expect(item.toString()).toContain("on Firefox too");
    expect((await findComment(mine!.id))?.contentMarkdown).toBe(
      "I can reproduce it on Firefox too.",
    );
    expect((await findTicket(ticketId))?.commentCount).toBe(3); // an edit is not a new comment
  });

  it("opens the thread on the instance's own service when the project's refuses to", async () => {
    // A project on another server, whose service lets only its admins create nodes.
    const remote = viewer("forge@b.test");
    const projectId = await createProject(remote, projectForm("far", { service: ELSEWHERE }));
    const { id } = await createTicket(alice, projectId, ticketFields("From afar"));
    const uri = parseXmppUri((await findTicket(id))!.commentsUri)!;
    expect(uri.jid).toBe(HOME);
    expect(pubsub.node(HOME, uri.node!)!.affiliations.get("alice@a.test")).toBe("owner");
    expect(pubsub.node(ELSEWHERE, projectNodes("far").tickets)!.items.size).toBe(1);

    await addComment(bob, id, "Seen from b.test");
    expect((await findTicket(id))?.commentCount).toBe(1);
  });
});
