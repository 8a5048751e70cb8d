// Wiki pages and their history into the cache, from items Prosody returned.
import { beforeAll, describe, expect, it } from "vitest";
import { findWikiPage, findWikiRevision } from "@/lib/cache/wiki";
import { projectNodes } from "@/lib/forge/nodes";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  capturedWikiItem,
  changesDuring,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { wikiHistorySync, wikiPageSync } from "./sync";

const PROJECT = "pubsub.a.test/capture";
const nodes = projectNodes("capture");
const at = (node: string) => ({
  projectId: PROJECT,
  slug: "capture",
  service: "pubsub.a.test",
  node,
});
const history = at(nodes.wikiHistory);
const pages = at(nodes.wiki);
const PAGE_KEY = "pubsub.a.test/forge/capture/wiki/install";
const r1 = () => capturedWikiItem("history_install_r1.xml");
/** The page node holds the latest revision under the page's slug. */
const page = () => itemOf("install", r1().payload!, "alice@a.test");

describe("wiki sync", () => {
  useCacheDatabase();
  beforeAll(() => cacheProject("pubsub.a.test", "capture"));

  it("records revisions, marking one published by someone else than its author", async () => {
    let applied = 0;
    const changes = await changesDuring(async () => {
      ({ applied } = await wikiHistorySync.applyItems(history, [
        r1(),
        capturedWikiItem("history_install_r2.xml"),
      ]));
    }, PROJECT);
    expect(applied).toBe(2);
    expect(await findWikiRevision(PROJECT, "install", 1)).toMatchObject({ flagged: "" });
    expect(await findWikiRevision(PROJECT, "install", 2)).toMatchObject({
      flagged: "published by bob@b.test, but it names alice@a.test as its author",
    });
    const change = { projectId: PROJECT, kind: "wiki", id: PAGE_KEY };
    expect(changes).toEqual([change, change]);
  });

  it("caches the current page under its slug", async () => {
    const result = await wikiPageSync.applyItems(pages, [page()]);
    expect(result).toEqual({ applied: 1, rejected: [], commentsNodes: [] });
    expect(await findWikiPage(PROJECT, "install")).toMatchObject({
      id: PAGE_KEY,
      title: "Install",
      revision: 1,
    });
  });

  it("reports an item whose id names no page", async () => {
    const result = await wikiPageSync.applyItems(pages, [itemOf("Not a slug!", r1().payload!)]);
    expect(result.rejected).toEqual([
      { node: nodes.wiki, itemId: "Not a slug!", reason: expect.any(String) },
    ]);
  });

  it("deletes a retracted page or revision and tells the page's viewers", async () => {
    await wikiPageSync.applyItems(pages, [page()]);
    const changes = await changesDuring(async () => {
      await wikiPageSync.applyRetractions(pages, ["install"]);
      await wikiHistorySync.applyRetractions(history, ["install/2"]);
    }, PROJECT);
    expect(await findWikiPage(PROJECT, "install")).toBeNull();
    expect(await findWikiRevision(PROJECT, "install", 2)).toBeNull();
    expect(await findWikiRevision(PROJECT, "install", 1)).not.toBeNull();
    const change = { projectId: PROJECT, kind: "wiki", id: PAGE_KEY };
    expect(changes).toEqual([change, change]);
  });
});
