// Short numbers on a real cache of the run's provider: numbering, the self-healing of a race,
// keeping a number a later version drops, and resolving URL segments.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/cache/db";
import { testTicketRecord } from "@/lib/cache/testing/records";
import * as tickets from "@/lib/cache/tickets";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import * as numbering from "./numbering";
import * as refs from "./refs";

const PROJECT = { service: "pubsub.a.test", slug: "numbers" };
const PROJECT_ID = "pubsub.a.test/numbers";
const NODE = "fdp/submitted/org.salut-a-toi.tickets:0_numbers";

describe("item numbers", () => {
  useCacheDatabase();

  const ticket = (itemId: string, number: number | null, created: string) => ({
    ...testTicketRecord(0, [], { projectId: PROJECT_ID, number }),
    id: `${PROJECT.service}/${NODE}/${itemId}`,
    service: PROJECT.service,
    node: NODE,
    itemId,
    title: `Ticket ${itemId}`,
    created: new Date(created),
  });

  beforeAll(async () => {
    const prisma = await getDb();
    await prisma.project.create({
      data: { id: PROJECT_ID, service: PROJECT.service, slug: PROJECT.slug, name: "Numbers" },
    });
  });

  it("numbers a node's first item 1, then one more than the highest cached", async () => {
    expect(await numbering.nextItemNumber("ticket", PROJECT.service, NODE)).toBe(1);
    await tickets.upsertTickets([
      ticket("a", 1, "2026-12-01T10:00:00Z"),
      ticket("libervia", null, "2026-12-01T10:01:00Z"),
      ticket("b", 2, "2026-12-01T10:02:00Z"),
    ]);
    expect(await numbering.nextItemNumber("ticket", PROJECT.service, NODE)).toBe(3);
    expect(await numbering.nextItemNumber("merge-request", PROJECT.service, NODE)).toBe(1);
  });

  it("keeps the cached number when a later version of the item has none", async () => {
    await tickets.upsertTickets([
      { ...ticket("b", null, "2026-12-01T10:02:00Z"), title: "Edited" },
    ]);
    const b = await tickets.findTicket(`${PROJECT.service}/${NODE}/b`);
    expect(b).toMatchObject({ title: "Edited", number: 2 });
  });

  it("renumbers the item that came second in a race, and only that one", async () => {
    // Two instances both gave number 3: "late" was created after "early".
    await tickets.upsertTickets([
      ticket("late", 3, "2026-12-01T11:00:01Z"),
      ticket("early", 3, "2026-12-01T11:00:00Z"),
    ]);
    const renumbered: number[] = [];
    const settle = (itemId: string) =>
      numbering.settleItemNumber(
        "ticket",
        { service: PROJECT.service, node: NODE, itemId, number: 3 },
        async (number) => {
          renumbered.push(number);
          await tickets.upsertTickets([{ ...ticket(itemId, number, "2026-12-01T11:00:01Z") }]);
        },
      );
    expect(await settle("early")).toBe(3);
    expect(renumbered).toEqual([]);
    expect(await settle("late")).toBe(4);
    expect(renumbered).toEqual([4]);
    expect((await tickets.findTicket(`${PROJECT.service}/${NODE}/late`))?.number).toBe(4);
  });

  it("breaks a tie of creation dates by item id", async () => {
    await tickets.upsertTickets([
      ticket("y", 5, "2026-12-01T12:00:00Z"),
      ticket("x", 5, "2026-12-01T12:00:00Z"),
    ]);
    const renumber = async () => {};
    const item = (itemId: string) => ({ service: PROJECT.service, node: NODE, itemId, number: 5 });
    expect(await numbering.settleItemNumber("ticket", item("x"), renumber)).toBe(5);
    expect(await numbering.settleItemNumber("ticket", item("y"), renumber)).toBe(6);
  });

  it("finds a ticket by number or by item id; anything else finds nothing", async () => {
    expect((await refs.findTicketByRef(PROJECT, "2"))?.itemId).toBe("b");
    expect((await refs.findTicketByRef(PROJECT, "libervia"))?.itemId).toBe("libervia");
    expect((await refs.findTicketByRef(PROJECT, "b"))?.itemId).toBe("b");
    // While two hold 5, the first holds it.
    expect((await refs.findTicketByRef(PROJECT, "5"))?.itemId).toBe("x");
    for (const hostile of ["99", "0", "-1", "%E0%A4%A", "../../x", "9".repeat(40), ""]) {
      expect(await refs.findTicketByRef(PROJECT, hostile), hostile).toBeNull();
    }
  });
});
