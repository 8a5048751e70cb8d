// Ticket items into the cache: a real Libervia ticket, a foreign form, a retraction, and
// versions republished by someone else (the overwrite flag and the history a revert uses).
import xml from "@xmpp/xml";
import { beforeAll, describe, expect, it } from "vitest";
import { itemVersions, latestTrustedVersion, MAX_KEPT_VERSIONS } from "@/lib/cache/item-versions";
import { findTicket } from "@/lib/cache/tickets";
import { itemFromElement } from "@/lib/xmpp/pubsub";
import { rejectedItems } from "@/lib/forge/sync/rejections";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED,
  CAPTURED_NODES,
  capturedContext,
  capturedItem,
  capturedPayload,
  changesDuring,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { newTicketForm } from "./codec";
import { ticketSync } from "./sync";

const context = capturedContext(CAPTURED_NODES.tickets);
const TICKET = "ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projX.xml";
const key = (itemId: string) => `pubsub.forge.test/${CAPTURED_NODES.tickets}/${itemId}`;

describe("ticket sync", () => {
  useCacheDatabase();
  beforeAll(() => cacheProject());

  it("caches a Libervia ticket, announces it and hands back its comments node", async () => {
    const item = capturedItem(TICKET);
    let result: Awaited<ReturnType<typeof ticketSync.applyItems>> | undefined;
    const changes = await changesDuring(async () => {
      result = await ticketSync.applyItems(context, [item]);
    });
    expect(result).toEqual({
      applied: 1,
      rejected: [],
      commentsNodes: [
        {
          service: "pubsub.forge.test",
          node: "urn:xmpp:microblog:0:comments/fdp/submitted/org.salut-a-toi.tickets:0_projX_8mvowY4BRf82wZ56ZxHJVn",
        },
      ],
    });
    expect(await findTicket(key(item.id))).toMatchObject({
      projectId: "pubsub.forge.test/projX",
      title: "b ticket",
      author: "Bob",
      status: "queued",
      priority: "major",
    });
    expect(changes).toEqual([
      { projectId: "pubsub.forge.test/projX", kind: "ticket", id: key(item.id) },
    ]);
  });

  it("reports an item of another form instead of caching it, until it reads", async () => {
    const foreign = itemOf("foreign", capturedPayload("d4_other_formtype.xml"));
    const result = await ticketSync.applyItems(context, [foreign]);
    expect(result.applied).toBe(0);
    expect(result.rejected).toEqual([
      { node: CAPTURED_NODES.tickets, itemId: "foreign", reason: expect.any(String) },
    ]);
    expect(rejectedItems("pubsub.forge.test/projX")).toEqual(result.rejected);
    expect(await findTicket(key("foreign"))).toBeNull();

    await ticketSync.applyItems(context, [itemOf("foreign", capturedPayload("d1_minimal.xml"))]);
    expect(rejectedItems("pubsub.forge.test/projX")).toEqual([]);
    expect(await findTicket(key("foreign"))).toMatchObject({ title: "d1 minimal: only title" });
  });

  it("deletes a retracted ticket and announces it", async () => {
    const item = capturedItem(TICKET);
    await ticketSync.applyItems(context, [item]);
    const changes = await changesDuring(() => ticketSync.applyRetractions(context, [item.id]));
    expect(await findTicket(key(item.id))).toBeNull();
    expect(changes).toEqual([
      { projectId: "pubsub.forge.test/projX", kind: "ticket", id: key(item.id) },
    ]);
  });
});

describe("ticket sync: versions republished by others", () => {
  useCacheDatabase();
  // The project's info was published by its owner: its maintainer, as far as sync can tell on
  // a service other than the instance's own (projectMaintainers).
  beforeAll(() => cacheProject(CAPTURED.service, CAPTURED.slug, { owner: "owner@forge.test" }));

  const FORM = {
    author: "Alice",
    // What the item claims; only the service's publisher attribute counts.
    authorJid: "alice@forge.test",
    created: "2026-12-01T10:00:00Z",
    commentsUri: "",
  };
  const ID = "overwritten";
  const version = (title: string, publisher?: string) =>
    itemFromElement(
      xml(
        "item",
        publisher ? { id: ID, publisher } : { id: ID },
        newTicketForm({ ...FORM, title }),
      ),
    );
  const cached = () => findTicket(key(ID));

  it("flags a version by someone who neither filed it nor maintains the project, keeping the one it replaced", async () => {
    await ticketSync.applyItems(context, [version("Original", "alice@forge.test/laptop")]);
    await ticketSync.applyItems(context, [version("Original", "alice@forge.test")]);
    expect(await cached()).toMatchObject({ firstPublisher: "alice@forge.test", flaggedBy: "" });
    expect(await itemVersions(key(ID))).toEqual([]);

    await ticketSync.applyItems(context, [version("Defaced", "mallory@evil.test")]);
    await ticketSync.applyItems(context, [version("Defaced", "mallory@evil.test")]);
    expect(await cached()).toMatchObject({
      title: "Defaced",
      publisher: "mallory@evil.test",
      authorJid: "alice@forge.test",
      firstPublisher: "alice@forge.test",
      flaggedBy: "mallory@evil.test",
    });
    const [kept, ...none] = await itemVersions(key(ID));
    expect(none).toEqual([]);
    expect(kept).toMatchObject({ publisher: "alice@forge.test", trusted: true });
    expect(kept!.rawXml).toContain("Original");
    expect(await latestTrustedVersion(key(ID))).toEqual(kept);
  });

  it("clears the flag when a maintainer publishes, and keeps the flagged version as untrusted", async () => {
    await ticketSync.applyItems(context, [version("Original", "owner@forge.test")]);
    expect(await cached()).toMatchObject({ title: "Original", flaggedBy: "" });
    const [flagged] = await itemVersions(key(ID));
    expect(flagged).toMatchObject({ publisher: "mallory@evil.test", trusted: false });
  });

  it("neither flags nor clears for a version whose publisher the service does not give", async () => {
    await ticketSync.applyItems(context, [version("Anonymous")]);
    expect(await cached()).toMatchObject({ title: "Anonymous", publisher: "", flaggedBy: "" });
    await ticketSync.applyItems(context, [version("Defaced again", "mallory@evil.test")]);
    await ticketSync.applyItems(context, [version("Still defaced")]);
    expect(await cached()).toMatchObject({ flaggedBy: "mallory@evil.test" });
    // A revert skips both the anonymous and the flagged versions.
    const trusted = await latestTrustedVersion(key(ID));
    expect(trusted).toMatchObject({ publisher: "owner@forge.test" });
  });

  it("keeps a bounded history, always with the newest trusted version in it", async () => {
    // Each version is by another publisher than the one before, so each is kept.
    for (let i = 0; i < MAX_KEPT_VERSIONS + 3; i++) {
      const spammer = i % 2 ? "mallory@evil.test" : "eve@evil.test";
      await ticketSync.applyItems(context, [version(`Spam ${i}`, spammer)]);
    }
    const kept = await itemVersions(key(ID));
    expect(kept).toHaveLength(MAX_KEPT_VERSIONS + 1);
    expect(kept.at(-1)).toMatchObject({ publisher: "owner@forge.test", trusted: true });
  });

  it("keeps a version once when its replacement is applied twice at once", async () => {
    const raced = (title: string, publisher: string) =>
      itemOf("raced", newTicketForm({ ...FORM, title }), publisher);
    await ticketSync.applyItems(context, [raced("Mine", "alice@forge.test")]);
    // A publish read back by the instance, and its notification.
    await Promise.all([
      ticketSync.applyItems(context, [raced("Theirs", "mallory@evil.test")]),
      ticketSync.applyItems(context, [raced("Theirs", "mallory@evil.test")]),
    ]);
    expect((await itemVersions(key("raced"))).map((kept) => kept.publisher)).toEqual([
      "alice@forge.test",
    ]);
  });

  it("takes the first publisher from the service, whatever author the item claims", async () => {
    const other = (publisher: string) =>
      itemOf("claimed", newTicketForm({ ...FORM, title: "Mine" }), publisher);
    await ticketSync.applyItems(context, [other("mallory@evil.test")]);
    await ticketSync.applyItems(context, [other("alice@forge.test")]);
    expect(await findTicket(key("claimed"))).toMatchObject({
      authorJid: "alice@forge.test",
      firstPublisher: "mallory@evil.test",
      flaggedBy: "alice@forge.test",
    });
  });
});
