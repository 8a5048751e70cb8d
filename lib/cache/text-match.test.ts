// Substring and suffix matches agree on both providers (run on SQLite, and on PostgreSQL by
// scripts/test.sh): ASCII case is ignored, as SQLite's LIKE does and PostgreSQL's LIKE does not.
import { beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "./db";
import { listMergeRequests } from "./merge-requests";
import { testProvider } from "./testing/test-database";
import { testTicketRecord } from "./testing/records";
import { listTickets, upsertTickets } from "./tickets";

const PROJECT = "s/text";

describe(`case-insensitive matching (${testProvider()})`, () => {
  useCacheDatabase();
  beforeAll(async () => {
    const db = await getDb();
    await db.project.create({ data: { id: PROJECT, service: "s", slug: "text", name: "Text" } });
  });

  it("finds a merge request by words of its title or text in any case", async () => {
    const db = await getDb();
    const now = new Date();
    await db.mergeRequest.create({
      data: {
        id: "s/mr/1",
        projectId: PROJECT,
        service: "s",
        node: "mr",
        itemId: "1",
        title: "Fix the Parser",
        bodyMarkdown: "Handles TABS",
        created: now,
        updated: now,
        rawXml: "<item/>",
      },
    });
    const titles = async (text: string) =>
      (await listMergeRequests(PROJECT, { text })).mergeRequests.map((mr) => mr.title);
    expect(await titles("parser")).toEqual(["Fix the Parser"]);
    expect(await titles("tabs PARSER")).toEqual(["Fix the Parser"]);
    expect(await titles("lexer")).toEqual([]);
  });

  it("lists drafts apart, by any draft prefix in any case", async () => {
    const db = await getDb();
    const now = new Date();
    const titles = ["draft: Rework", "[WIP] Spike", "Ready one", "A draft: not one"];
    for (const [i, title] of titles.entries()) {
      await db.mergeRequest.create({
        data: {
          id: `s/drafts/${i}`,
          projectId: PROJECT,
          service: "s",
          node: "drafts",
          itemId: String(i),
          title,
          created: now,
          updated: new Date(now.getTime() - i),
          rawXml: "<item/>",
        },
      });
    }
    const listed = async (drafts: "only" | "hide") =>
      (await listMergeRequests(PROJECT, { drafts })).mergeRequests
        .filter((mr) => mr.node === "drafts")
        .map((mr) => mr.title);
    expect(await listed("only")).toEqual(["draft: Rework", "[WIP] Spike"]);
    expect(await listed("hide")).toEqual(["Ready one", "A draft: not one"]);
  });

  it("hides what a blocked domain's users published, whatever the case of their JID", async () => {
    const spam = {
      ...testTicketRecord(2, [], { projectId: PROJECT }),
      publisher: "Spam@EVIL.example",
    };
    await upsertTickets([testTicketRecord(1, [], { projectId: PROJECT }), spam]);
    const db = await getDb();
    await db.moderationBlock.create({
      data: {
        id: "s/moderation/block:evil.example",
        projectId: PROJECT,
        target: "evil.example",
        blockedAt: new Date(),
        rawXml: "<item/>",
      },
    });
    const { tickets } = await listTickets(PROJECT);
    expect(tickets.map((ticket) => ticket.id)).toEqual(["s/n/1"]);
  });

  it.runIf(testProvider() === "postgres")(
    "serves substring search from trigram indexes",
    async () => {
      const db = await getDb();
      const rows = await db.$queryRawUnsafe<{ indexname: string }[]>(
        `SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname`,
      );
      expect(rows.map((row) => row.indexname)).toEqual([
        "MergeRequest_bodyMarkdown_trgm",
        "MergeRequest_title_trgm",
        "Ticket_searchText_trgm",
        "WikiPage_searchText_trgm",
      ]);
    },
  );
});
