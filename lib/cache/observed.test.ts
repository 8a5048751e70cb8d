// A version that arrived first but is written last (its notification was slow to apply) must
// not replace the newer one, on the run's provider and on both of the tickets' write paths.
import { beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "./db";
import { findMergeRequest, upsertMergeRequest } from "./merge-requests";
import { notOlderThanCached } from "./observed";
import { testMergeRequestRecord, testTicketRecord } from "./testing/records";
import { findTicket, upsertTickets } from "./tickets";

const PROJECT = "s/observed";
const EARLIER = new Date("2026-12-05T10:00:00.000Z");
const LATER = new Date("2026-12-05T10:00:00.250Z");

describe("notOlderThanCached", () => {
  const cached = new Map([
    ["a", LATER],
    ["b", null],
  ]);
  it("drops only records received before the cached version", () => {
    const records = [
      { id: "a", observedAt: EARLIER },
      { id: "a", observedAt: LATER },
      { id: "b", observedAt: EARLIER },
      { id: "c", observedAt: EARLIER },
      { id: "a", observedAt: null },
    ];
    expect(notOlderThanCached(records, cached)).toEqual(records.slice(1));
  });
});

describe("cached tickets and merge requests", { timeout: 30_000 }, () => {
  useCacheDatabase();
  beforeAll(async () => {
    const db = await getDb();
    await db.project.create({
      data: { id: PROJECT, service: "s", slug: "observed", name: "Observed" },
    });
  });

  it("keep the ticket received last, its labels included, whatever order they are written in", async () => {
    const ticket = (observedAt: Date, status: string, labels: string[]) => ({
      ...testTicketRecord(1, labels, { projectId: PROJECT }),
      observedAt,
      status,
    });
    await upsertTickets([ticket(LATER, "closed", ["done"])]);
    await upsertTickets([ticket(EARLIER, "queued", ["ui", "new"])]);
    expect(await findTicket("s/n/1")).toMatchObject({ status: "closed", labels: '["done"]' });
    const db = await getDb();
    const labels = await db.ticketLabel.findMany({ where: { ticketId: "s/n/1" } });
    expect(labels.map((row) => row.label)).toEqual(["done"]);
    // A batch (a sync) writes the items in it that are newer and leaves the rest.
    await upsertTickets([
      ticket(EARLIER, "started", ["old"]),
      { ...testTicketRecord(2, ["fresh"], { projectId: PROJECT }), observedAt: EARLIER },
    ]);
    expect((await findTicket("s/n/1"))?.status).toBe("closed");
    expect((await findTicket("s/n/2"))?.labels).toBe('["fresh"]');
    await upsertTickets([ticket(new Date(LATER.getTime() + 1), "started", ["again"])]);
    expect((await findTicket("s/n/1"))?.status).toBe("started");
  });

  it("keep the merge request received last", async () => {
    const request = (observedAt: Date, status: string) => ({
      ...testMergeRequestRecord(1, { projectId: PROJECT }),
      observedAt,
      status,
    });
    await upsertMergeRequest(request(LATER, "closed"));
    await upsertMergeRequest(request(EARLIER, "queued"));
    expect((await findMergeRequest("s/m/1"))?.status).toBe("closed");
    await upsertMergeRequest(request(LATER, "merged"));
    expect((await findMergeRequest("s/m/1"))?.status).toBe("merged");
  });
});
