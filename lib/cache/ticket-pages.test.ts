// The ticket list in pages: each page the next tickets in the chosen order, the count of all
// the filter matches for the pager, and the priority order kept across pages.
import { beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "./db";
import { testTicketRecord } from "./testing/records";
import { listTickets, TICKETS_PER_PAGE, upsertTickets } from "./tickets";

const PROJECT = "s/paged";
const COUNT = 2 * TICKETS_PER_PAGE + 7;
const PRIORITIES = ["minor", "normal", "major"];

describe("pages of tickets", { timeout: 30_000 }, () => {
  useCacheDatabase();
  beforeAll(async () => {
    const db = await getDb();
    await db.project.create({ data: { id: PROJECT, service: "s", slug: "paged", name: "Paged" } });
    await upsertTickets(
      Array.from({ length: COUNT }, (_, i) => ({
        ...testTicketRecord(i, [], { projectId: PROJECT }),
        priority: PRIORITIES[i % 3]!,
        updated: new Date(Date.UTC(2026, 11, 1) + i * 60_000),
      })),
    );
  });

  const titles = async (page: number, sort?: "priority") =>
    (await listTickets(PROJECT, { page, sort })).tickets.map((ticket) => ticket.title);

  it("go through every ticket once, newest first, and say how many match", async () => {
    const pages = [await titles(1), await titles(2), await titles(3), await titles(4)];
    expect(pages.map((page) => page.length)).toEqual([TICKETS_PER_PAGE, TICKETS_PER_PAGE, 7, 0]);
    expect(pages.flat()).toEqual(
      Array.from({ length: COUNT }, (_, i) => `Ticket ${COUNT - 1 - i}`),
    );
    expect((await listTickets(PROJECT, { page: 2 })).matching).toBe(COUNT);
    expect((await listTickets(PROJECT, { status: "closed" })).matching).toBe(0);
  });

  it("by priority: major, then normal, then minor, newest first within each, across pages", async () => {
    const ranked = [await titles(1, "priority"), await titles(2, "priority")].flat();
    const newestFirst = (priority: string) =>
      Array.from({ length: COUNT }, (_, i) => COUNT - 1 - i)
        .filter((i) => PRIORITIES[i % 3] === priority)
        .map((i) => `Ticket ${i}`);
    const expected = [...newestFirst("major"), ...newestFirst("normal"), ...newestFirst("minor")];
    expect(ranked).toEqual(expected.slice(0, 2 * TICKETS_PER_PAGE));
  });

  it("answer a page number from a hand-made URL, however large, with an empty page", async () => {
    for (const page of [10_000, 1e20, Number.MAX_SAFE_INTEGER]) {
      const list = await listTickets(PROJECT, { page });
      expect(list.tickets).toEqual([]);
      expect(list.matching).toBe(COUNT);
    }
  });
});
