// The wiki tables on a real database of the run's provider (SQLite file or PostgreSQL).
import { beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "./db";
import * as wiki from "./wiki";
import type { WikiRevisionRecord } from "./wiki";

const PROJECT = "pubsub.a.test/cached";

function revision(slug: string, number: number, extra: Partial<WikiRevisionRecord> = {}) {
  return {
    id: `pubsub.a.test/forge/cached/wiki-history/${slug}/${number}`,
    projectId: PROJECT,
    service: "pubsub.a.test",
    node: "forge/cached/wiki-history",
    slug,
    revision: number,
    title: slug,
    markdown: `text ${number}`,
    summary: "",
    publisher: "alice@a.test",
    authorJid: "alice@a.test",
    updated: new Date(Date.UTC(2026, 10, 25, 10, number)),
    deleted: false,
    renamedFrom: "",
    movedTo: "",
    flagged: "",
    rawXml: "<item/>",
    ...extra,
  };
}

describe("wiki cache", () => {
  useCacheDatabase();

  beforeAll(async () => {
    const prisma = await getDb();
    await prisma.project.create({
      data: { id: PROJECT, service: "pubsub.a.test", slug: "cached", name: "Cached" },
    });
  });

  it("follows a page's history back through a rename", async () => {
    for (const n of [1, 2, 3]) await wiki.upsertWikiRevision(revision("install", n));
    await wiki.upsertWikiRevision(revision("install", 4, { deleted: true, movedTo: "setup" }));
    await wiki.upsertWikiRevision(revision("setup", 4, { renamedFrom: "install" }));
    await wiki.upsertWikiRevision(revision("setup", 5));
    const history = await wiki.wikiHistory(PROJECT, "setup");
    expect(history.map((row) => `${row.slug}/${row.revision}`)).toEqual([
      "setup/5",
      "setup/4",
      "install/3",
      "install/2",
      "install/1",
    ]);
    expect((await wiki.latestWikiRevision(PROJECT, "install"))?.movedTo).toBe("setup");
  });

  it("marks a history item that comes back rewritten, keeping the service's copy", async () => {
    await wiki.upsertWikiRevision(revision("install", 1));
    expect((await wiki.findWikiRevision(PROJECT, "install", 1))?.flagged).toBe("");
    await wiki.upsertWikiRevision(revision("install", 1, { markdown: "changed" }));
    const row = await wiki.findWikiRevision(PROJECT, "install", 1);
    expect(row?.markdown).toBe("changed");
    expect(row?.flagged).toBe("rewritten after it was first published");
  });

  it("searches pages by every word, case-insensitively", async () => {
    const page = (slug: string, text: string) => ({
      id: `pubsub.a.test/forge/cached/wiki/${slug}`,
      projectId: PROJECT,
      service: "pubsub.a.test",
      node: "forge/cached/wiki",
      slug,
      title: slug,
      markdown: text,
      summary: "",
      revision: 1,
      publisher: "alice@a.test",
      authorName: "alice",
      updated: new Date(),
      searchText: `${slug}\n${text}`.toLowerCase(),
      rawXml: "<item/>",
    });
    await wiki.upsertWikiPage(page("setup", "Needs GNU Make 4"));
    await wiki.upsertWikiPage(page("home", "Welcome"));
    expect((await wiki.searchWikiPages(PROJECT, "make GNU")).map((p) => p.slug)).toEqual(["setup"]);
    expect(await wiki.searchWikiPages(PROJECT, "   ")).toEqual([]);
    expect([...(await wiki.wikiSlugs(PROJECT))].sort()).toEqual(["home", "setup"]);
    await wiki.deleteWikiPage("pubsub.a.test/forge/cached/wiki/home");
    expect((await wiki.listWikiPages(PROJECT)).map((p) => p.slug)).toEqual(["setup"]);
  });
});
