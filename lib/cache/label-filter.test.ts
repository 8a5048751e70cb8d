// A list filtered by label starts from the label's index while the label is on few tickets, and
// scans the project past that; both answer the same: only this project's tickets with the
// label, the other filters applied, per-status counts, blocked publishers left out.
import { beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "./db";
import { testTicketRecord } from "./testing/records";
import { listTickets, upsertTickets } from "./tickets";

const PROJECT = "s/labelled";
const OTHER = "s/elsewhere";
/** More tickets with the common label than the index-first plan takes (LABEL_FIRST_LIMIT). */
const COMMON = 2_100;

describe("the ticket list filtered by label", { timeout: 60_000 }, () => {
  useCacheDatabase();
  beforeAll(async () => {
    const db = await getDb();
    for (const id of [PROJECT, OTHER]) {
      const slug = id.split("/")[1]!;
      await db.project.create({ data: { id, service: "s", slug, name: slug } });
    }
    const record = (i: number, labels: string[], projectId = PROJECT) => ({
      ...testTicketRecord(i, labels, { projectId }),
      status: i % 2 ? "queued" : "closed",
      searchText: `ticket ${i} ${i % 3 ? "" : "cache"}`,
      updated: new Date(Date.UTC(2026, 11, 1) + i * 60_000),
    });
    await upsertTickets([
      ...Array.from({ length: COMMON }, (_, i) =>
        record(i, i < 12 ? ["common", "rare"] : ["common"]),
      ),
      // Newer tickets of the project without the labels.
      ...Array.from({ length: 6 }, (_, i) => record(COMMON + 20 + i, ["other"])),
      // The same labels on another project's tickets, and on a blocked publisher's.
      ...Array.from({ length: 5 }, (_, i) => record(COMMON + i, ["common", "rare"], OTHER)),
      { ...record(COMMON + 10, ["common", "rare"]), publisher: "spam@evil.example" },
    ]);
    await db.moderationBlock.create({
      data: {
        id: "s/forge/labelled/moderation/block-evil",
        projectId: PROJECT,
        target: "evil.example",
        blockedAt: new Date(),
        rawXml: "<item/>",
      },
    });
    // On PostgreSQL the 2,100 rows go through Prisma's upserts one by one: ~7 s, more when
    // the machine is busy, past the hooks' default 10 s (seen failing on a first run).
  }, 120_000);

  /** Ticket numbers among 0…count−1 that are `status` (odd: queued) and match `cache`. */
  const expected = (count: number, status: string, cache: boolean) =>
    Array.from({ length: count }, (_, i) => count - 1 - i)
      .filter((i) => (status === "queued") === (i % 2 === 1) && (!cache || i % 3 === 0))
      .map((i) => `Ticket ${i}`);

  it("from the label's index: this project's tickets with the label, text filter and counts", async () => {
    const list = await listTickets(PROJECT, { label: "rare", status: "queued" });
    expect(list.tickets.map((t) => t.title)).toEqual(expected(12, "queued", false));
    expect(list.countsByStatus).toEqual({ queued: 6, closed: 6 });
    expect(list.matching).toBe(6);
    const text = await listTickets(PROJECT, { label: "rare", text: "cache", status: "queued" });
    expect(text.tickets.map((t) => t.title)).toEqual(expected(12, "queued", true));
    expect(text.countsByStatus).toEqual({ queued: 2, closed: 2 });
    expect((await listTickets(PROJECT, { label: "nowhere" })).total).toBe(0);
  });

  it("scanning the project when the label is on more tickets: the same answers", async () => {
    const list = await listTickets(PROJECT, { label: "common", text: "cache", status: "closed" });
    const closed = expected(COMMON, "closed", true);
    expect(list.matching).toBe(closed.length);
    expect(list.tickets.map((t) => t.title)).toEqual(closed.slice(0, list.tickets.length));
    expect(list.countsByStatus).toEqual({
      queued: expected(COMMON, "queued", true).length,
      closed: closed.length,
    });
    const all = await listTickets(PROJECT, { label: "common" });
    expect(all.total).toBe(COMMON);
  });
});
