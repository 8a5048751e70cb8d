// Events derived where the sync applies items: who is told, once, and who is not.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import xml from "@xmpp/xml";
import { getDb } from "@/lib/cache/db";
import { testProvider } from "@/lib/cache/testing/test-database";
import { ChangeBus } from "@/lib/events/bus";
import { InboxBus, inboxBus, type InboxState } from "@/lib/events/inbox-bus";
import { relayThroughPostgres } from "@/lib/events/postgres-fanout";
import { rememberUser, setWatch, watchStateOf } from "@/lib/cache/notifications";
import { encodeComment } from "@/lib/forge/comments/codec";
import { commentSync } from "@/lib/forge/comments/sync";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { ticketSync } from "@/lib/forge/tickets/sync";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { cacheProject, itemOf } from "@/lib/forge/testing/sync-items";
import { projectId, projectNodes } from "@/lib/forge/nodes";
import { createNode } from "@/lib/xmpp/pubsub";
import { sessionRegistry } from "@/lib/xmpp/registry";
import { FakePubsub } from "@/lib/xmpp/testing/fake-pubsub";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import type { SyncContext } from "@/lib/forge/sync/domain";
import { MENTION_LIMIT } from "./mentions";

const delivery = vi.hoisted(() => ({ scheduled: [] as string[] }));
vi.mock("./delivery", () => ({
  scheduleDelivery: (jid: string) => delivery.scheduled.push(jid),
}));
// The instance's own service (forge@a.test → pubsub.a.test) tells who its members are.
const members = vi.hoisted(() => ({ map: new Map<string, string>() }));
vi.mock("@/lib/forge/projects/affiliations", async (original) => ({
  ...(await original<typeof import("@/lib/forge/projects/affiliations")>()),
  projectAffiliations: async ({ service }: { service: string }) =>
    service === "pubsub.a.test" ? members.map : undefined,
}));

const ALICE = "alice@a.test";
const BOB = "bob@a.test";
const CAROL = "carol@a.test";
const DAVE = "dave@a.test";
const EVE = "eve@c.test";

/** A project with one ticket #1 filed by alice, whose thread is `comments`. */
async function projectWithTicket(service: string, slug: string, accessModel = "open") {
  await cacheProject(service, slug, { accessModel });
  const nodes = projectNodes(slug);
  const thread = {
    service,
    node: `urn:xmpp:microblog:0:comments/${nodes.tickets}_0123456789abcdef`,
  };
  const ticket = newTicketForm({
    title: "Crash on start",
    author: "alice",
    authorJid: ALICE,
    created: new Date().toISOString(),
    commentsUri: formatXmppUri({ jid: thread.service, node: thread.node }),
  });
  const id = projectId(service, slug);
  const ticketsContext: SyncContext = {
    projectId: id,
    slug,
    service,
    node: nodes.tickets,
    accessModel,
  };
  await ticketSync.applyItems(ticketsContext, [itemOf("t1", ticket, `${ALICE}/web`)]);
  const context: SyncContext = { projectId: id, slug, service, node: thread.node, accessModel };
  return { id, ticketId: `${service}/${nodes.tickets}/t1`, context };
}

let count = 0;
function comment(markdown: string, { by = ALICE, daysAgo = 0 } = {}) {
  const published = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const id = `c${++count}`;
  const entry = encodeComment({
    markdown,
    authorName: by,
    authorJid: by,
    published,
    updated: published,
  });
  return itemOf(id, entry, `${by}/web`);
}

async function rowsOf(userJid: string) {
  return (await getDb()).notification.findMany({
    where: { userJid },
    orderBy: { createdAt: "asc" },
  });
}

describe("notifications derived by the sync", () => {
  useCacheDatabase();
  let open: Awaited<ReturnType<typeof projectWithTicket>>;

  beforeAll(async () => {
    for (const jid of [ALICE, BOB, CAROL]) await rememberUser(jid);
    open = await projectWithTicket("pubsub.elsewhere.test", "open");
  });

  beforeEach(async () => {
    delivery.scheduled = [];
    await (await getDb()).notification.deleteMany({});
  });

  it("tells a watcher of a comment once, however often the item is applied; never the actor", async () => {
    await setWatch(BOB, { targetId: open.ticketId, projectId: open.id }, "watching");
    const item = comment("Still crashes.");
    await commentSync.applyItems(open.context, [item]);
    await commentSync.applyItems(open.context, [item]); // the notification after the read-back
    const rows = await rowsOf(BOB);
    expect(rows.map((row) => [row.kind, row.actor])).toEqual([["comment", ALICE]]);
    expect(rows[0]!.path).toBe("/p/pubsub.elsewhere.test/open/tickets/t1");
    expect(await rowsOf(ALICE)).toEqual([]);
    expect(delivery.scheduled).toEqual([BOB]);
  });

  it("lets the author and commenters watch: alice is told of bob's comment", async () => {
    expect(await watchStateOf(ALICE, open.ticketId)).toBe("watching");
    await commentSync.applyItems(open.context, [comment("Me too.", { by: BOB })]);
    expect((await rowsOf(ALICE)).map((row) => row.kind)).toEqual(["comment"]);
    expect(await watchStateOf(BOB, open.ticketId)).toBe("watching");
  });

  it("does not watch again for someone who unwatched", async () => {
    await setWatch(CAROL, { targetId: open.ticketId, projectId: open.id }, "ignoring");
    await commentSync.applyItems(open.context, [comment("Here too.", { by: CAROL })]);
    expect(await watchStateOf(CAROL, open.ticketId)).toBe("ignoring");
    await commentSync.applyItems(open.context, [comment("Fixed?")]);
    expect(await rowsOf(CAROL)).toEqual([]);
  });

  it("tells someone mentioned of the mention only, and not a stranger to this instance", async () => {
    await commentSync.applyItems(open.context, [
      comment("@bob and @bob@a.test, and @dave@a.test (never signed in here)"),
    ]);
    expect((await rowsOf(BOB)).map((row) => row.kind)).toEqual(["mention"]);
    expect(await rowsOf("dave@a.test")).toEqual([]);
  });

  it("bounds a mention storm", { timeout: 60_000 }, async () => {
    for (let i = 0; i < MENTION_LIMIT + 30; i++) await rememberUser(`u${i}@a.test`);
    const storm = Array.from({ length: 10_000 }, (_, i) => `@u${i}`).join(" ");
    await commentSync.applyItems(open.context, [comment(storm)]);
    const rows = await (await getDb()).notification.count({ where: { kind: "mention" } });
    expect(rows).toBe(MENTION_LIMIT);
  });

  it("tells nobody of items dated long ago (a project followed anew, a rebuilt cache)", async () => {
    await commentSync.applyItems(open.context, [comment("old news", { daysAgo: 3 })]);
    expect(await rowsOf(BOB)).toEqual([]);
  });

  it("tells a project's watchers of a new ticket, not of one cached already", async () => {
    await setWatch(CAROL, { targetId: open.id, projectId: open.id }, "watching");
    const ticket = newTicketForm({
      title: "Second",
      author: "bob",
      authorJid: BOB,
      created: new Date().toISOString(),
      commentsUri: "",
    });
    const tickets: SyncContext = { ...open.context, node: projectNodes("open").tickets };
    await ticketSync.applyItems(tickets, [itemOf("t2", ticket, `${BOB}/web`)]);
    await ticketSync.applyItems(tickets, [itemOf("t2", ticket, `${BOB}/web`)]);
    expect((await rowsOf(CAROL)).map((row) => [row.kind, row.summary])).toEqual([
      ["new-item", "opened ticket #? Second"],
    ]);
  });

  describe("members-only projects", () => {
    // pubsub.elsewhere.test is another server's service: only members' own sessions may ask it.
    async function hiddenProjectElsewhere() {
      const service = "pubsub.elsewhere.test";
      const pubsub = new FakePubsub({ [service]: { admins: ["owner@elsewhere.test"] } });
      const info = projectNodes("hidden").info;
      await createNode(pubsub.session("owner@elsewhere.test"), service, info);
      pubsub.publishAs("owner@elsewhere.test", service, info, "info", xml("project"));
      const node = pubsub.node(service, info)!;
      node.config["pubsub#access_model"] = "whitelist";
      // DAVE (never signed in here) and EVE, whose server c.test is not believed about
      // pubsub.elsewhere.test, are members too: neither is told.
      for (const jid of [BOB, DAVE, EVE]) node.affiliations.set(jid, "member");
      for (const jid of [BOB, CAROL, EVE]) sessionRegistry().add(pubsub.session(jid));
      return projectWithTicket(service, "hidden", "whitelist");
    }

    it("tells members of a project elsewhere whose own open session the service lets read it", async () => {
      for (const jid of [DAVE, EVE]) await rememberUser(jid);
      const hidden = await hiddenProjectElsewhere();
      for (const jid of [BOB, CAROL, DAVE, EVE]) {
        await setWatch(jid, { targetId: hidden.ticketId, projectId: hidden.id }, "watching");
      }
      await commentSync.applyItems(hidden.context, [comment("secret @bob")]);
      expect((await rowsOf(BOB)).map((row) => row.kind)).toEqual(["mention"]);
      // Signed in, refused by the service; not signed in; signed in on an unbelieved server.
      for (const jid of [CAROL, DAVE, EVE]) expect(await rowsOf(jid), jid).toEqual([]);
      expect(delivery.scheduled).toEqual([BOB]);
    });

    it("tells members of a project on the instance's own service, and not the others", async () => {
      members.map = new Map([
        [ALICE, "owner"],
        [BOB, "member"],
      ]);
      const own = await projectWithTicket("pubsub.a.test", "own", "whitelist");
      await setWatch(BOB, { targetId: own.ticketId, projectId: own.id }, "watching");
      await setWatch(CAROL, { targetId: own.ticketId, projectId: own.id }, "watching");
      await commentSync.applyItems(own.context, [comment("secret @carol")]);
      expect((await rowsOf(BOB)).map((row) => row.kind)).toEqual(["comment"]);
      expect(await rowsOf(CAROL)).toEqual([]);
    });
  });

  // Last: it relays this file's inboxBus() for good. Process A is this one (inboxBus(), where
  // notify.ts publishes); process B, another bus with its own connections to the same database.
  describe.skipIf(testProvider() !== "postgres")("several processes (PostgreSQL)", () => {
    it("a row written in one process changes the count a tab in another sees, live", async () => {
      const url = process.env.DATABASE_URL!;
      const processB = new InboxBus();
      const fanouts = [
        await relayThroughPostgres(new ChangeBus(), inboxBus(), url),
        await relayThroughPostgres(new ChangeBus(), processB, url),
      ];
      try {
        const seenInB: InboxState[] = [];
        processB.subscribe(BOB, (state) => seenInB.push(state));
        await setWatch(BOB, { targetId: open.ticketId, projectId: open.id }, "watching");
        await commentSync.applyItems(open.context, [comment("Seen from the other process?")]);
        await expect.poll(() => seenInB, { timeout: 5_000 }).toEqual([{ unread: 1 }]);
      } finally {
        await Promise.all(fanouts.map((fanout) => fanout.stop()));
      }
    });
  });
});
