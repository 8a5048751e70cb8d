// The instance account against in-memory pubsub services and a real SQLite cache: following a
// project that lives on another server, keeping the cache fresh from its notifications,
// catching up after a reconnect, and mirroring it onto the instance's own service.
import xml from "@xmpp/xml";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deleteProject, findProject } from "@/lib/cache/projects";
import { findTicket } from "@/lib/cache/tickets";
import { encodeComment } from "@/lib/forge/comments/codec";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject, mirrorProject, openProject } from "@/lib/forge/projects/operations";
import { ELSEWHERE, fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { createTicket } from "@/lib/forge/tickets/operations";
import { retract } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { followProject, instanceHealth, instanceSession, stopInstance } from "./instance";
import { instanceState } from "./instance-account";
import type { InstanceForwarding } from "./instance-forwarding";
import type { InstanceLock } from "./instance-lock";
import { ticketFields } from "@/lib/forge/testing/spam";

const NODES = projectNodes("remote");
const PROJECT_ID = `${ELSEWHERE}/remote`;
/** Notifications arrive after the publish returns; a loaded machine may take a while. */
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });
const ticketKey = (itemId: string) => `${ELSEWHERE}/${NODES.tickets}/${itemId}`;

describe("the instance follows projects", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  // b.test's own instance made the project on its service; this instance is forge@a.test.
  const remoteOwner = viewer("forge@b.test");
  const subscribed = (service: string, node: string) =>
    [...(pubsub.node(service, node)?.subscribers ?? [])].some((jid) =>
      jid.startsWith("forge@a.test"),
    );

  beforeAll(async () => {
    await createProject(remoteOwner, projectForm("remote", { service: ELSEWHERE }));
    // That happened on b.test's instance: this one has never heard of the project.
    await stopInstance();
    await deleteProject(PROJECT_ID);
    for (const node of Object.values(NODES)) pubsub.node(ELSEWHERE, node)?.subscribers.clear();
    pubsub.publishAs(
      "carol@b.test",
      ELSEWHERE,
      NODES.tickets,
      "early",
      liberviaFixture("d1_minimal.xml"),
    );
  }, 30_000);
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  it("reads a project from another server into the cache and subscribes to its nodes", async () => {
    expect(await findProject(PROJECT_ID)).toBeNull();
    expect(await openProject(viewer("dave@a.test"), ELSEWHERE, "remote")).toBe(PROJECT_ID);
    expect(await findProject(PROJECT_ID)).toMatchObject({ name: "Project remote", followed: true });
    expect(await findTicket(ticketKey("early"))).not.toBeNull();
    for (const node of [NODES.info, NODES.tickets, NODES.mergeRequests, NODES.wiki]) {
      expect(subscribed(ELSEWHERE, node), node).toBe(true);
    }
    expect(instanceHealth()).toMatchObject({ jid: "forge@a.test", status: "online" });
  });

  it("applies what others publish and retract there, as the notifications arrive", async () => {
    pubsub.publishAs(
      "carol@b.test",
      ELSEWHERE,
      NODES.tickets,
      "live",
      liberviaFixture("d2_extra.xml"),
    );
    await eventually(async () => expect(await findTicket(ticketKey("live"))).not.toBeNull());
    expect((await findTicket(ticketKey("live")))?.title).toBe("d2 extra fields");

    await retract(remoteOwner.session, ELSEWHERE, NODES.tickets, "live");
    await eventually(async () => expect(await findTicket(ticketKey("live"))).toBeNull());
  });

  it("follows the comments of a new ticket, wherever its thread lives", async () => {
    const { id } = await createTicket(
      viewer("bob@b.test"),
      PROJECT_ID,
      ticketFields("Thread elsewhere"),
    );
    const thread = parseXmppUri((await findTicket(id))!.commentsUri)!;
    // pubsub.b.test lets only its admins create nodes: the thread went to this instance's.
    expect(thread.jid).toBe(HOME);
    await eventually(() => expect(subscribed(thread.jid, thread.node!)).toBe(true));

    const published = new Date().toISOString();
    const entry = encodeComment({
      markdown: "Seen it",
      authorName: "dave",
      authorJid: "dave@a.test",
      published,
      updated: published,
      id: "xmpp:x",
    });
    pubsub.publishAs("dave@a.test", thread.jid, thread.node!, "c1", entry);
    await eventually(async () => expect((await findTicket(id))?.commentCount).toBe(1));
  });

  it("catches up with what it missed while it was away", async () => {
    await stopInstance();
    expect(instanceHealth().status).toBe("offline");
    pubsub.publishAs(
      "carol@b.test",
      ELSEWHERE,
      NODES.tickets,
      "missed",
      liberviaFixture("d1_minimal.xml"),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await findTicket(ticketKey("missed"))).toBeNull();

    await instanceSession(); // reconnects, then resyncs every followed project
    await eventually(async () => expect(await findTicket(ticketKey("missed"))).not.toBeNull());
  });

  it("mirrors a followed project onto its own service, same item ids", async () => {
    await mirrorProject(remoteOwner, PROJECT_ID);
    expect((await findProject(PROJECT_ID))?.mirrorService).toBe(HOME);
    const mirrored = `mirror/${ELSEWHERE}/${NODES.tickets}`;
    await eventually(() =>
      expect([...pubsub.payloads(HOME, mirrored).keys()].sort()).toEqual(
        [...pubsub.payloads(ELSEWHERE, NODES.tickets).keys()].sort(),
      ),
    );
    expect(pubsub.node(HOME, mirrored)!.config["pubsub#publish_model"]).toBe("publishers");

    // New items follow the mirror as they are published at home.
    pubsub.publishAs("carol@b.test", ELSEWHERE, NODES.tickets, "later", xmlTicket("Later"));
    await eventually(() => expect(pubsub.payloads(HOME, mirrored).has("later")).toBe(true));
  });

  it("leaves the session to another process while that one holds the instance lock", async () => {
    await stopInstance();
    instanceState().lock = { held: false } as InstanceLock;
    try {
      expect(await instanceSession()).toBeUndefined();
      expect(instanceHealth().status).toBe("standby");
      pubsub.publishAs("carol@b.test", ELSEWHERE, NODES.tickets, "held", xmlTicket("Held"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await findTicket(ticketKey("held"))).toBeNull();
    } finally {
      instanceState().lock = undefined;
    }
  });

  it("without the lock, has the holder make the instance's requests: a project followed there is subscribed to as the instance", async () => {
    await stopInstance();
    // The holder's side (instance-forwarding.test.ts on PostgreSQL), here its session at once.
    const holder = pubsub.session("forge@a.test");
    const forwarded: string[] = [];
    const forwarding = {
      requester: () => ({
        request: (iq: Parameters<typeof holder.request>[0]) => {
          forwarded.push(String(iq.getChildElements()[0]?.name));
          return holder.request(iq);
        },
      }),
    };
    instanceState().lock = { held: false } as InstanceLock;
    instanceState().forwarding = forwarding as unknown as InstanceForwarding;
    instanceState().subscribed.clear();
    for (const node of Object.values(NODES)) pubsub.node(ELSEWHERE, node)?.subscribers.clear();
    try {
      expect((await instanceSession())?.jid).toBe("forge@a.test");
      await followProject(ELSEWHERE, "remote");
      expect(subscribed(ELSEWHERE, NODES.tickets)).toBe(true);
      expect(forwarded).toContain("pubsub");
      expect(instanceHealth().status).toBe("standby");
    } finally {
      instanceState().lock = undefined;
      instanceState().forwarding = undefined;
    }
  });
});

/** A minimal ticket as another client would publish it. */
function xmlTicket(title: string) {
  const field = (name: string, value: string) =>
    xml("field", { var: name }, xml("value", {}, value));
  return xml(
    "x",
    { xmlns: "jabber:x:data", type: "submit" },
    field("FORM_TYPE", "org.salut-a-toi.tickets:0"),
    field("title", title),
  );
}
