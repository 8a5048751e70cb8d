// A blocked publisher's tickets are hidden everywhere the project's tickets are summed up: its
// list and per-status counts, the label menu, and the open count on the list of projects.
import { beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "./db";
import { listPublicProjects } from "./projects";
import { testTicketRecord } from "./testing/records";
import { listTickets, projectLabels, upsertTickets } from "./tickets";

const MODERATED = "s/moderated";
const QUIET = "s/quiet";

describe("tickets of a blocked publisher", { timeout: 30_000 }, () => {
  useCacheDatabase();
  beforeAll(async () => {
    const db = await getDb();
    for (const [id, slug] of [
      [MODERATED, "moderated"],
      [QUIET, "quiet"],
    ]) {
      await db.project.create({
        data: { id: id!, service: "s", slug: slug!, name: slug!, accessModel: "open" },
      });
    }
    await upsertTickets([
      testTicketRecord(1, ["bug"], { projectId: MODERATED }),
      {
        ...testTicketRecord(2, ["casino"], { projectId: MODERATED }),
        publisher: "spam@evil.example",
      },
      {
        ...testTicketRecord(3, ["pills"], { projectId: MODERATED }),
        authorJid: "eve@evil.example",
      },
      { ...testTicketRecord(4, ["ui"], { projectId: QUIET }), publisher: "spam@evil.example" },
    ]);
    await db.moderationBlock.create({
      data: {
        id: "s/forge/moderated/moderation/block-evil",
        projectId: MODERATED,
        target: "evil.example",
        blockedAt: new Date(),
        rawXml: "<item/>",
      },
    });
  });

  it("are neither listed nor counted in the project that blocks them", async () => {
    const { tickets, countsByStatus, total } = await listTickets(MODERATED, {});
    expect(tickets.map((ticket) => ticket.title)).toEqual(["Ticket 1"]);
    expect(countsByStatus).toEqual({ queued: 1 });
    expect(total).toBe(1);
  });

  it("lend their labels to nobody's menu", async () => {
    expect(await projectLabels(MODERATED)).toEqual(["bug"]);
    expect(await projectLabels(QUIET)).toEqual(["ui"]);
  });

  it("count as open only in projects that do not block them", async () => {
    const counts = Object.fromEntries(
      (await listPublicProjects()).map((project) => [project.id, project.openTickets]),
    );
    expect(counts).toEqual({ [MODERATED]: 1, [QUIET]: 1 });
  });
});
