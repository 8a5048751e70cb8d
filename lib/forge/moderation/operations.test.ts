// Moderation against in-memory pubsub services that answer as Prosody 0.12 does, and a real
// SQLite cache: blocking a JID or a domain, deleting spam, who may do it, and whose rights the
// instance lends (never outside the project's layout, never to a non-maintainer).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listComments } from "@/lib/cache/comments";
import { findTicket, listTickets } from "@/lib/cache/tickets";
import { stopInstance } from "@/lib/forge/federation/instance";
import { findTicketByRef } from "@/lib/forge/items/refs";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject, setMaintainer } from "@/lib/forge/projects/operations";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { strangersComment, strangersTicket, ticketFields } from "@/lib/forge/testing/spam";
import { createTicket } from "@/lib/forge/tickets/operations";
import { isFailure } from "@/lib/xmpp/errors";
import { getItems, setAffiliations } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { readModerationLog } from "./log";
import { blockPublisher, deleteItem, unblockPublisher } from "./operations";
import { moderatorFor } from "./rights";

const ID = `${HOME}/mod`;
const NODES = projectNodes("mod");
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "done",
    (error: unknown) => error,
  );

describe("moderation", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  const carol = viewer("carol@a.test");
  const spam = viewer("spam@evil.test");
  let bobTicket = "";
  let bobThread = { jid: "", node: "" };
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  beforeAll(async () => {
    await createProject(alice, projectForm("mod"));
    await setMaintainer(alice, ID, { jid: "carol@a.test", role: "publisher" });
    ({ id: bobTicket } = await createTicket(bob, ID, ticketFields("Bob's bug")));
    const uri = parseXmppUri((await findTicket(bobTicket))!.commentsUri)!;
    bobThread = { jid: uri.jid, node: uri.node! };
    // The instance follows the new thread once the service tells it of the ticket.
    await eventually(() =>
      expect([...pubsub.node(HOME, bobThread.node)!.subscribers].join()).toMatch(/forge@a\.test/),
    );
  }, 60_000);

  const listed = async () =>
    (await listTickets(ID, { status: undefined })).tickets.map((t) => t.title);

  it("blocks a JID: outcast on every node of the layout, and what he published hidden", async () => {
    pubsub.publishAs(
      "spam@evil.test",
      HOME,
      NODES.tickets,
      "spam1",
      strangersTicket("Cheap pills", "spam@evil.test"),
    );
    pubsub.publishAs(
      "spam@evil.test",
      bobThread.jid,
      bobThread.node,
      "c-spam",
      strangersComment("Buy now", "spam@evil.test"),
    );
    pubsub.publishAs(
      "alice@a.test",
      bobThread.jid,
      bobThread.node,
      "c-alice",
      strangersComment("Looking", "alice@a.test"),
    );
    await eventually(async () => expect(await listed()).toContain("Cheap pills"));
    await eventually(async () =>
      expect(await listComments(ID, bobThread.jid, bobThread.node)).toHaveLength(2),
    );

    const report = await blockPublisher(alice, ID, { target: " Spam@Evil.test " });
    // Every named node of the layout and Bob's thread, which the instance changed for Alice.
    expect(report).toEqual({ accepted: Object.keys(NODES).length + 1, refused: 0 });
    for (const node of [...Object.values(NODES), bobThread.node]) {
      expect(pubsub.node(HOME, node)!.affiliations.get("spam@evil.test"), node).toBe("outcast");
    }
    expect(await listed()).not.toContain("Cheap pills");
    expect((await listTickets(ID)).total).toBe(1);
    expect(await findTicketByRef({ service: HOME, slug: "mod" }, "spam1")).toBeNull();
    const comments = await listComments(ID, bobThread.jid, bobThread.node);
    expect(comments.map((c) => c.itemId)).toEqual(["c-alice"]);
    expect((await findTicket(bobTicket))?.commentCount).toBe(1);

    // Prosody keeps an outcast from reading, but lets him publish to an open tracker: the
    // service takes it, Pubforge caches it and shows it nowhere.
    const read = await refusal(getItems(spam.session, HOME, NODES.tickets));
    expect(isFailure(read, "forbidden")).toBe(true);
    pubsub.publishAs(
      "spam@evil.test",
      HOME,
      NODES.tickets,
      "spam2",
      strangersTicket("Again", "spam@evil.test"),
    );
    await eventually(async () =>
      expect(await findTicket(`${HOME}/${NODES.tickets}/spam2`)).not.toBeNull(),
    );
    expect(await listed()).toEqual(["Bob's bug"]);

    await unblockPublisher(alice, ID, { target: "spam@evil.test" });
    for (const node of Object.values(NODES)) {
      expect(pubsub.node(HOME, node)!.affiliations.has("spam@evil.test"), node).toBe(false);
    }
    expect((await listed()).sort()).toEqual(["Again", "Bob's bug", "Cheap pills"]);
    await blockPublisher(alice, ID, { target: "spam@evil.test" });
  });

  it("blocks a whole domain: Prosody ignores it for the domain's users, Pubforge hides them", async () => {
    const eve = viewer("eve@other.evil.test");
    pubsub.publishAs(
      "eve@other.evil.test",
      HOME,
      NODES.tickets,
      "eve1",
      strangersTicket("From Eve", "eve@other.evil.test"),
    );
    await eventually(async () => expect(await listed()).toContain("From Eve"));

    await blockPublisher(alice, ID, { target: "evil.test" });
    expect(pubsub.node(HOME, NODES.tickets)!.affiliations.get("evil.test")).toBe("outcast");
    expect(await getItems(eve.session, HOME, NODES.tickets)).not.toHaveLength(0);
    expect(await listed()).toEqual(["Bob's bug"]);
  });

  it("refuses non-maintainers, blocking oneself and blocking a maintainer", async () => {
    const before = pubsub.payloads(HOME, NODES.moderation).size;
    expect(await refusal(blockPublisher(bob, ID, { target: "dave@b.test" }))).toMatchObject({
      code: "moderators-only",
    });
    expect(await refusal(deleteItem(bob, ID, { kind: "ticket", id: bobTicket }))).toMatchObject({
      code: "moderators-only",
    });
    expect(pubsub.payloads(HOME, NODES.moderation).size).toBe(before);
    expect(await refusal(blockPublisher(alice, ID, { target: "a.test" }))).toMatchObject({
      code: "cannot-block-self",
    });
    expect(await refusal(blockPublisher(carol, ID, { target: "alice@a.test" }))).toMatchObject({
      code: "cannot-block-maintainer",
      data: { maintainer: "alice@a.test" },
    });
    expect(await refusal(blockPublisher(alice, ID, { target: "not an address" }))).toMatchObject({
      name: "ZodError",
    });
  });

  it("lets a publisher maintainer block through the instance, which sets what she may not", async () => {
    await blockPublisher(carol, ID, { target: "troll@b.test" });
    expect(pubsub.node(HOME, NODES.info)!.affiliations.get("troll@b.test")).toBe("outcast");
    expect(pubsub.node(HOME, bobThread.node)!.affiliations.get("troll@b.test")).toBe("outcast");
  });

  it("deletes comments and tickets, retracting them with the rights that reach them", async () => {
    const spamComment = `${bobThread.jid}/${bobThread.node}/c-spam`;
    // Bob owns his thread; Alice has no rights there, so the instance retracts for her.
    await deleteItem(alice, ID, { kind: "comment", id: spamComment });
    expect(pubsub.node(HOME, bobThread.node)!.items.has("c-spam")).toBe(false);

    const spam1 = `${HOME}/${NODES.tickets}/spam1`;
    await deleteItem(carol, ID, { kind: "ticket", id: spam1 });
    expect(pubsub.node(HOME, NODES.tickets)!.items.has("spam1")).toBe(false);
    expect(await findTicket(spam1)).toBeNull();

    await createProject(viewer("dave@a.test"), projectForm("other"));
    const { id: elsewhere } = await createTicket(bob, `${HOME}/other`, ticketFields("Not yours"));
    expect(await refusal(deleteItem(alice, ID, { kind: "ticket", id: elsewhere }))).toMatchObject({
      code: "not-in-project",
    });
  });

  it("never lends the instance's rights outside the layout, or to someone not a maintainer", async () => {
    const foreign = projectNodes("other").tickets;
    const outcast = (actor: { session: Parameters<typeof setAffiliations>[0] }) =>
      setAffiliations(actor.session, HOME, foreign, { "bob@b.test": "outcast" });
    const outside = await refusal(moderatorFor(alice, await project()).act(HOME, foreign, outcast));
    expect(isFailure(outside, "forbidden")).toBe(true);
    expect(pubsub.node(HOME, foreign)!.affiliations.has("bob@b.test")).toBe(false);

    const asBob = await refusal(
      moderatorFor(bob, await project()).act(HOME, NODES.tickets, (actor) =>
        setAffiliations(actor.session, HOME, NODES.tickets, { "bob@b.test": "owner" }),
      ),
    );
    expect(asBob).toMatchObject({ code: "moderators-only" });
    expect(pubsub.node(HOME, NODES.tickets)!.affiliations.get("bob@b.test")).toBeUndefined();
  });

  it("logs every action for maintainers, newest first, and shows the log to nobody else", async () => {
    const log = await readModerationLog(alice, await project());
    expect(log.map((entry) => [entry.action, entry.by])).toEqual([
      ["delete", "carol@a.test"],
      ["delete", "alice@a.test"],
      ["block", "carol@a.test"],
      ["block", "alice@a.test"],
      ["block", "alice@a.test"],
      ["unblock", "alice@a.test"],
      ["block", "alice@a.test"],
    ]);
    expect(log[0]!.what).toBe("ticket spam1 “Cheap pills”");
    expect(log[1]!.what).toBe("comment by spam@evil.test on ticket #1 “Bob's bug”");
    expect(await refusal(readModerationLog(bob, await project()))).toMatchObject({
      code: "moderators-only",
    });
    const read = await refusal(getItems(bob.session, HOME, NODES.moderationLog));
    expect(isFailure(read, "forbidden")).toBe(true);
  });

  it("gives an older project its moderation nodes at an owner's first moderation", async () => {
    pubsub.removeNode(HOME, NODES.moderation);
    pubsub.removeNode(HOME, NODES.moderationLog);
    expect(await refusal(blockPublisher(carol, ID, { target: "x@b.test" }))).toMatchObject({
      code: "no-moderation-nodes",
    });
    await blockPublisher(alice, ID, { target: "x@b.test" });
    expect(pubsub.node(HOME, NODES.moderation)!.config["pubsub#publish_model"]).toBe("publishers");
    expect(pubsub.node(HOME, NODES.moderationLog)!.config["pubsub#access_model"]).toBe("whitelist");
    expect(pubsub.node(HOME, NODES.moderationLog)!.affiliations.get("carol@a.test")).toBe(
      "publisher",
    );
    expect(pubsub.node(HOME, NODES.moderation)!.affiliations.get("spam@evil.test")).toBe("outcast");
  });

  async function project() {
    return { id: ID, service: HOME, slug: "mod", accessModel: "open" };
  }
});
