import { describe, expect, it } from "vitest";
import { capturedWikiItem as captured } from "@/lib/forge/testing/sync-items";
import type { SyncContext } from "@/lib/forge/sync/domain";
import { wikiPageRecord, wikiRevisionRecord } from "./records";
import { decodeWikiItem } from "./codec";

const context: SyncContext = {
  projectId: "pubsub.a.test/capture",
  slug: "capture",
  service: "pubsub.a.test",
  node: "forge/capture/wiki-history",
};

function decoded(item: ReturnType<typeof captured>) {
  const result = decodeWikiItem(item.element, "revision");
  if (!result.ok) throw new Error(result.reason);
  return result.page;
}

describe("wiki items from the wire", () => {
  it("reads a captured revision, markup in its text kept as text", () => {
    const item = captured("history_install_r1.xml");
    const record = wikiRevisionRecord(context, item, decoded(item));
    expect(record).toMatchObject({
      id: "pubsub.a.test/forge/capture/wiki-history/install/1",
      slug: "install",
      revision: 1,
      title: "Install",
      markdown: "Run `make`.\n\n[[Home]] <b>&amp;</b>\n",
      summary: "First version",
      publisher: "alice@a.test",
      authorJid: "alice@a.test",
      flagged: "",
      deleted: false,
    });
    expect(record.updated.toISOString()).toBe("2026-11-25T17:00:00.000Z");
  });

  it("marks a revision whose publisher is not the author it names", () => {
    const item = captured("history_install_r2.xml");
    expect(wikiRevisionRecord(context, item, decoded(item)).flagged).toBe(
      "published by bob@b.test, but it names alice@a.test as its author",
    );
  });

  it("makes a page row searchable in lower case", () => {
    const item = captured("history_install_r1.xml");
    const page = { ...context, node: "forge/capture/wiki" };
    const record = wikiPageRecord(page, { ...item, id: "install" }, decoded(item));
    expect(record.searchText).toBe("install\nrun `make`.\n\n[[home]] <b>&amp;</b>\n");
    expect(record.id).toBe("pubsub.a.test/forge/capture/wiki/install");
  });
});
