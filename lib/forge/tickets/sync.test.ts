// Ticket items into the cache: a real Libervia ticket, a foreign form, a retraction.
import { beforeAll, describe, expect, it } from "vitest";
import { findTicket } from "@/lib/cache/tickets";
import { rejectedItems } from "@/lib/forge/sync/rejections";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED_NODES,
  capturedContext,
  capturedItem,
  capturedPayload,
  changesDuring,
  itemOf,
} from "@/lib/forge/testing/sync-items";
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
