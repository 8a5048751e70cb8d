// Overwrites of tickets on the instance's own service (an in-memory one here): who may revert
// or keep them, what lands on the node, and items of non-members in a members-only project.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findTicket } from "@/lib/cache/tickets";
import type { Ticket } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/xmpp/pubsub";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject, setMaintainer } from "@/lib/forge/projects/operations";
import { rejectedItems } from "@/lib/forge/sync/rejections";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { createTicket } from "@/lib/forge/tickets/operations";
import { versionPin } from "./overwrite-flag";
import { keepOverwrite, revertOverwrite } from "./restore";
import { ticketFields } from "@/lib/forge/testing/spam";

const TICKETS = projectNodes("guarded").tickets;

describe("tracker items on the instance's own service", { timeout: 30_000 }, () => {
  // One fake service for both: the instance session connects to the fake made last.
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  describe("reverting and keeping overwrites", () => {
    const alice = viewer("alice@a.test"); // owner
    const carol = viewer("carol@a.test"); // maintainer (publisher)
    const bob = viewer("bob@b.test"); // a contributor
    const dave = viewer("dave@b.test"); // republishes what is not his
    let id = "";
    let itemId = "";

    beforeAll(async () => {
      await createProject(alice, projectForm("guarded"));
      await setMaintainer(alice, `${HOME}/guarded`, { jid: "carol@a.test", role: "publisher" });
      ({ id } = await createTicket(alice, `${HOME}/guarded`, ticketFields("Original")));
      itemId = id.slice(id.lastIndexOf("/") + 1);
    }, 30_000);

    /** Dave republishes alice's ticket with his own client; the instance is notified. */
    async function deface(title: string): Promise<Ticket> {
      const payload = newTicketForm({
        title,
        author: "Alice",
        authorJid: "alice@a.test",
        created: new Date().toISOString(),
        commentsUri: "",
      });
      await publish(dave.session, HOME, TICKETS, payload, { id: itemId });
      return vi.waitFor(async () => {
        const row = await findTicket(id);
        if (row?.title !== title) throw new Error("not applied yet");
        return row;
      });
    }
    const form = (row: Ticket, shown = versionPin(row.rawXml)) => ({
      kind: "ticket",
      itemKey: row.id,
      shown,
    });

    it("flags the overwrite and refuses to act for anyone but a maintainer or the filer", async () => {
      const row = await deface("Defaced");
      expect(row).toMatchObject({ flaggedBy: "dave@b.test", firstPublisher: "alice@a.test" });
      for (const who of [bob, dave]) {
        await expect(revertOverwrite(who, form(row))).rejects.toMatchObject({
          code: "may-not-restore",
          data: { firstPublisher: "alice@a.test" },
        });
        await expect(keepOverwrite(who, form(row))).rejects.toMatchObject({
          code: "may-not-restore",
        });
      }
      expect((await findTicket(id))?.title).toBe("Defaced");
    });

    it("refuses a form shown for an earlier version", async () => {
      const shown = (await findTicket(id))!;
      await deface("Defaced twice");
      await expect(revertOverwrite(carol, form(shown))).rejects.toMatchObject({
        code: "overwrite-changed",
      });
    });

    it("lets a maintainer revert: the last trusted version goes back on the node, unflagged", async () => {
      const row = (await findTicket(id))!;
      expect(await revertOverwrite(carol, form(row))).toBe("alice@a.test");
      expect(await findTicket(id)).toMatchObject({
        title: "Original",
        flaggedBy: "",
        publisher: "carol@a.test",
      });
      const stored = pubsub.node(HOME, TICKETS)!.items.get(itemId)!;
      expect(stored.attrs.publisher).toBe("carol@a.test");
      expect(stored.toString()).toContain("Original");
      expect(stored.toString()).not.toContain("Defaced");
      await expect(revertOverwrite(carol, form(row))).rejects.toMatchObject({
        code: "not-flagged",
      });
    });

    it("lets the filer keep a change, which then counts as hers", async () => {
      const row = await deface("Better title");
      await keepOverwrite(alice, form(row));
      expect(await findTicket(id)).toMatchObject({
        title: "Better title",
        flaggedBy: "",
        publisher: "alice@a.test",
      });
      expect(pubsub.node(HOME, TICKETS)!.items.get(itemId)!.attrs.publisher).toBe("alice@a.test");
    });
  });

  describe("items of non-members in a members-only project", () => {
    const alice = viewer("alice@a.test");
    const carol = viewer("carol@a.test");
    const dave = viewer("dave@b.test");
    const SECRET = `${HOME}/secret`;
    const NODE = projectNodes("secret").tickets;

    beforeAll(async () => {
      await createProject(alice, projectForm("secret", { access: "whitelist" }));
      await setMaintainer(alice, SECRET, { jid: "carol@a.test", role: "member" });
    }, 30_000);

    it("are not cached, though the service accepts them; members' are", async () => {
      // As Prosody 0.12 does for publish_model=open: anyone may publish, even a non-reader.
      const payload = newTicketForm({
        title: "Spam",
        author: "Dave",
        authorJid: "alice@a.test",
        created: new Date().toISOString(),
        commentsUri: "",
      });
      await publish(dave.session, HOME, NODE, payload, { id: "spam" });
      expect(pubsub.node(HOME, NODE)!.items.has("spam")).toBe(true);
      const { id } = await createTicket(carol, SECRET, ticketFields("From a member"));
      expect(await findTicket(id)).toMatchObject({ title: "From a member" });
      await vi.waitFor(() =>
        expect(rejectedItems(SECRET)).toEqual([
          {
            node: NODE,
            itemId: "spam",
            reason: "published by dave@b.test, who is not a member of this members-only project",
          },
        ]),
      );
      expect(await findTicket(`${HOME}/${NODE}/spam`)).toBeNull();
    });
  });
});
