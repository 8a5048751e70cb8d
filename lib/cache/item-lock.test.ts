// Writes of one item racing each other, as a publish read back and its notification do, on a
// real database of the run's provider: on PostgreSQL these failed on the items' second unique
// key until item-lock.ts made the second writer wait.
import { beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "./db";
import { upsertComment } from "./comments";
import { testTicketRecord } from "./testing/records";
import { findTicket, upsertTicket } from "./tickets";
import { findWikiRevision, upsertWikiRevision } from "./wiki";

const PROJECT = "pubsub.a.test/racing";
const AT = new Date("2026-12-05T10:00:00Z");
const RACERS = 8;

const ROUNDS = 20;

/** Each round, RACERS writes of one item at once; the round's number names its item. */
async function race(write: (round: number, racer: number) => Promise<void>): Promise<void> {
  for (let round = 1; round <= ROUNDS; round++) {
    await Promise.all(Array.from({ length: RACERS }, (_, racer) => write(round, racer)));
  }
}

describe("one item written by several writers at once", { timeout: 60_000 }, () => {
  useCacheDatabase();
  beforeAll(async () => {
    const db = await getDb();
    await db.project.create({
      data: { id: PROJECT, service: "pubsub.a.test", slug: "racing", name: "Racing" },
    });
  });

  it("each ticket is stored once, with the labels of one of the writers", async () => {
    // First as new tickets, then as edits of them.
    for (const take of ["new", "edit"]) {
      await race((round, racer) =>
        upsertTicket(
          testTicketRecord(round, [`${take}${racer}`, "shared"], { projectId: PROJECT }),
        ),
      );
    }
    const db = await getDb();
    for (let round = 1; round <= ROUNDS; round++) {
      const labels = await db.ticketLabel.findMany({ where: { ticketId: `s/n/${round}` } });
      const row = await findTicket(`s/n/${round}`);
      expect(labels.map((label) => label.label).sort()).toEqual(JSON.parse(row!.labels).sort());
      expect(labels).toHaveLength(2);
    }
  });

  it("each new comment is stored once", async () => {
    await race((round, racer) =>
      upsertComment({
        id: `pubsub.a.test/comments/c${round}`,
        service: "pubsub.a.test",
        node: "comments",
        itemId: `c${round}`,
        publisher: "bob@b.test",
        authorName: "bob",
        event: null,
        contentMarkdown: `take ${racer}`,
        contentHtml: `<p>take ${racer}</p>`,
        published: AT,
        updated: AT,
        rawXml: "<item/>",
        anchorFile: null,
        anchorSide: null,
        anchorLine: null,
        anchorRevision: null,
        replyTo: null,
        resolution: null,
        firstSeenAt: null,
      }),
    );
    const db = await getDb();
    expect(await db.comment.count({ where: { node: "comments" } })).toBe(ROUNDS);
  });

  it("each wiki revision is stored once, and not flagged for arriving twice", async () => {
    await race((round) =>
      upsertWikiRevision({
        id: `pubsub.a.test/forge/racing/wiki-history/home/${round}`,
        projectId: PROJECT,
        service: "pubsub.a.test",
        node: "forge/racing/wiki-history",
        slug: "home",
        revision: round,
        title: "Home",
        markdown: "Hello",
        summary: "",
        publisher: "alice@a.test",
        authorJid: "alice@a.test",
        updated: AT,
        deleted: false,
        renamedFrom: "",
        movedTo: "",
        flagged: "",
        rawXml: "<item/>",
      }),
    );
    for (let round = 1; round <= ROUNDS; round++) {
      expect(await findWikiRevision(PROJECT, "home", round)).toMatchObject({ flagged: "" });
    }
  });
});
