import xml, { type Element } from "@xmpp/xml";
import { describe, expect, it, vi } from "vitest";
import type { XmppSession } from "@/lib/xmpp/session";
import { projectNodes } from "@/lib/forge/nodes";
import type { Viewer } from "@/lib/forge/viewer";
import { encodeWikiEntry } from "./codec";
import { deleteWikiPage, renameWikiPage, saveWikiPage } from "./operations";
import { pageDigest, WikiConflictError } from "./state";

// The cache knows the project and nothing of the page's history: the service has the page.
vi.mock("@/lib/cache/projects", () => ({
  findProject: async (id: string) => ({
    id,
    service: "pubsub.a.test",
    slug: "demo",
    accessModel: "open",
  }),
}));
const cacheWrites = vi.hoisted(() => ({
  upsertWikiPage: vi.fn(),
  deleteWikiPage: vi.fn(),
  upsertWikiRevision: vi.fn(),
  deleteWikiRevision: vi.fn(),
}));
vi.mock("@/lib/cache/wiki", () => ({ latestWikiRevision: async () => null, ...cacheWrites }));

const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
const nodes = projectNodes("demo");
const bobsRevision = {
  slug: "install",
  title: "Install",
  markdown: "Run make install.\n",
  summary: "",
  revision: 2,
  updated: "2026-11-25T10:00:00.000Z",
  authorName: "bob",
  authorJid: "bob@b.test",
};

/**
 * A pubsub service holding revision 2 of the page, saved by bob: it answers reads, and records
 * every write (there must be none when the person worked from revision 1).
 */
function serviceWithBobsRevision() {
  const writes: Element[] = [];
  const session = {
    async request(iq: Element): Promise<Element> {
      if (iq.attrs.type === "set") {
        writes.push(iq);
        return xml("iq", { type: "result" });
      }
      const items = iq.getChild("pubsub", NS_PUBSUB)?.getChild("items");
      const page = xml(
        "item",
        { id: "install", publisher: "bob@b.test/x" },
        encodeWikiEntry(bobsRevision),
      );
      // The history holds no revision past the page: nothing half-saved.
      const found = items?.attrs.node === nodes.wiki ? [page] : [];
      return xml(
        "iq",
        { type: "result" },
        xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node: items?.attrs.node }, ...found)),
      );
    },
  };
  return { viewer: { jid: "alice@a.test", session: session as unknown as XmppSession }, writes };
}

const fromRevisionOne = {
  projectId: "pubsub.a.test/demo",
  slug: "install",
  baseRevision: 1,
  baseDigest: pageDigest({ title: "Install", markdown: "Run make.\n" }),
};

describe("wiki operations on a page changed since it was opened", () => {
  const operations = {
    save: (viewer: Viewer) =>
      saveWikiPage(viewer, {
        ...fromRevisionOne,
        title: "Install",
        markdown: "Mine\n",
        summary: "",
      }),
    delete: (viewer: Viewer) => deleteWikiPage(viewer, { ...fromRevisionOne, summary: "" }),
    rename: (viewer: Viewer) => renameWikiPage(viewer, { ...fromRevisionOne, title: "Installing" }),
  };

  it.each(Object.entries(operations))(
    "%s throws the same conflict, carrying bob's revision, and writes nothing",
    async (_, operation) => {
      const { viewer, writes } = serviceWithBobsRevision();
      const error = await operation(viewer).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WikiConflictError);
      const { conflict } = error as WikiConflictError;
      expect(conflict.theirs).toMatchObject({
        revision: 2,
        publisher: "bob@b.test",
        markdown: "Run make install.\n",
        deleted: false,
      });
      expect(writes).toEqual([]);
      for (const write of Object.values(cacheWrites)) expect(write).not.toHaveBeenCalled();
    },
  );
});
