// Locking a thread against in-memory pubsub services that answer as Prosody 0.12 does: the
// service's publish model where it may be changed, Pubforge's hiding everywhere, and who is
// told what. Also who counts as a maintainer on another server's service.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findComment, listComments } from "@/lib/cache/comments";
import { findThreadLock } from "@/lib/cache/moderation";
import { findTicket } from "@/lib/cache/tickets";
import { addComment } from "@/lib/forge/comments/operations";
import { stopInstance } from "@/lib/forge/federation/instance";
import { createProject, setMaintainer } from "@/lib/forge/projects/operations";
import { ELSEWHERE, fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { strangersComment, ticketFields } from "@/lib/forge/testing/spam";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { createTicket } from "@/lib/forge/tickets/operations";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { lockThread, unlockThread } from "./locks";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";

const ID = `${HOME}/locks`;
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });

describe("thread locks", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  const carol = viewer("carol@a.test");
  const dave = viewer("dave@b.test");
  let ticket = "";
  let thread = { jid: "", node: "" };
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  beforeAll(async () => {
    await createProject(alice, projectForm("locks"));
    await setMaintainer(alice, ID, { jid: "carol@a.test", role: "publisher" });
    ({ id: ticket } = await createTicket(bob, ID, ticketFields("Heated")));
    const uri = parseXmppUri((await findTicket(ticket))!.commentsUri)!;
    thread = { jid: uri.jid, node: uri.node! };
    await eventually(() =>
      expect([...pubsub.node(HOME, thread.node)!.subscribers].join()).toMatch(/forge@a\.test/),
    );
    await addComment(dave, ticket, "Before the lock");
  }, 60_000);

  const shown = async () =>
    (await listComments(ID, thread.jid, thread.node)).map((c) => c.contentMarkdown);

  it("makes the thread publishers-only and shows only earlier comments and the maintainers'", async () => {
    expect(await lockThread(alice, ID, { parentId: ticket })).toEqual({ enforcedByService: true });
    const node = pubsub.node(HOME, thread.node)!;
    expect(node.config["pubsub#publish_model"]).toBe("publishers");
    // The maintainers may post; Bob, who opened the thread, stays its owner.
    expect(node.affiliations.get("alice@a.test")).toBe("publisher");
    expect(node.affiliations.get("carol@a.test")).toBe("publisher");
    expect(node.affiliations.get("bob@b.test")).toBe("owner");
    expect(await findThreadLock(ID, thread.jid, thread.node)).toMatchObject({
      lockedBy: "alice@a.test",
    });

    // Dave is refused by Pubforge, and by the service when he uses another client.
    await expect(addComment(dave, ticket, "After")).rejects.toMatchObject({
      code: "thread-locked",
      data: { by: "alice@a.test" },
    });
    expect(() =>
      pubsub.publishAs(
        "dave@b.test",
        thread.jid,
        thread.node,
        "d2",
        strangersComment("Late", "dave@b.test"),
      ),
    ).toThrow(/forbidden/);
    // Bob, its owner, may still publish there; Pubforge does not show it.
    pubsub.publishAs(
      "bob@b.test",
      thread.jid,
      thread.node,
      "b2",
      strangersComment("Owner's", "bob@b.test"),
    );
    await addComment(carol, ticket, "Closing this");
    // Cached once its notification arrives, and shown nowhere, not even in the count.
    await eventually(async () =>
      expect(await findComment(`${thread.jid}/${thread.node}/b2`)).not.toBeNull(),
    );
    expect(await shown()).toEqual(["Before the lock", "Closing this"]);
    expect((await findTicket(ticket))?.commentCount).toBe(2);
    await expect(addComment(bob, ticket, "Me too")).rejects.toMatchObject({
      code: "thread-locked",
    });
  });

  it("refuses a lock from anyone but a maintainer", async () => {
    await expect(unlockThread(dave, ID, { parentId: ticket })).rejects.toMatchObject({
      code: "moderators-only",
    });
    expect(pubsub.node(HOME, thread.node)!.config["pubsub#publish_model"]).toBe("publishers");
  });

  it("unlocks: open again, and every comment shown", async () => {
    await unlockThread(carol, ID, { parentId: ticket });
    expect(pubsub.node(HOME, thread.node)!.config["pubsub#publish_model"]).toBe("open");
    expect(await findThreadLock(ID, thread.jid, thread.node)).toBeNull();
    await eventually(async () =>
      expect(await shown()).toEqual(["Before the lock", "Owner's", "Closing this"]),
    );
    await addComment(dave, ticket, "Thanks");
  });

  it("asks another server's service who maintains a project there", async () => {
    const owner = viewer("forge@b.test");
    const elsewhere = await createProject(owner, projectForm("far", { service: ELSEWHERE }));
    await setMaintainer(owner, elsewhere, { jid: "carol@a.test", role: "publisher" });
    const far = { id: elsewhere, service: ELSEWHERE, slug: "far", accessModel: "open" };
    expect(await isProjectMaintainer(carol, far, "instance-then-viewer-session")).toBe(true);
    expect(await isProjectMaintainer(dave, far, "instance-then-viewer-session")).toBe(false);
    expect(
      await isProjectMaintainer(
        dave,
        { id: ID, service: HOME, slug: "locks" },
        "instance-then-viewer-session",
      ),
    ).toBe(false);
  });
});
