// Filing and editing tickets against an in-memory pubsub service and a real SQLite cache:
// what lands on which node, what the cache then says, and what is refused.
import type { Element } from "@xmpp/xml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findTicket } from "@/lib/cache/tickets";
import { listComments } from "@/lib/cache/comments";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject } from "@/lib/forge/projects/operations";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { parseDataForm } from "@/lib/xmpp/dataform";
import { actionError } from "@/lib/http/action-result";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { bulkUpdateTickets, createTicket, updateTicket } from "./operations";

const TICKETS = projectNodes("tracker").tickets;

/** A form's fields by name, values joined, as a reader of the wire sees them. */
function fields(payload: Element | undefined): Record<string, string> {
  if (!payload) throw new Error("no payload");
  const form = parseDataForm(payload);
  return Object.fromEntries(form.fields.map((f) => [f.var ?? "", f.values.join("\n")]));
}

const newTicket = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  bodyMarkdown: "It **breaks**.",
  type: "bug",
  status: "queued",
  priority: "normal",
  labels: ["ui"],
  assignees: [],
  milestone: "",
  ...extra,
});

describe("ticket operations", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  let projectId: string;

  beforeAll(async () => {
    projectId = await createProject(alice, projectForm("tracker"));
  }, 30_000);
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  it("files a ticket on the project's tracker, with its own comments node, and caches it", async () => {
    const { id, number } = await createTicket(bob, projectId, newTicket("Button does nothing"));
    expect(number).toBe(1);
    const items = pubsub.node(HOME, TICKETS)!.items;
    expect(items.size).toBe(1);
    const [item] = items.values();
    expect(item!.attrs.publisher).toBe("bob@b.test");
    const wire = fields(item!.getChildElements()[0]);
    expect(wire).toMatchObject({
      FORM_TYPE: "org.salut-a-toi.tickets:0",
      title: "Button does nothing",
      author_jid: "bob@b.test",
      status: "queued",
      labels: "ui",
      number: "1",
    });
    // Its comments node exists, open to anyone who can read the project to comment in.
    const comments = parseXmppUri(wire.comments_uri!)!;
    const node = pubsub.node(comments.jid, comments.node!)!;
    expect(node.config).toMatchObject({
      "pubsub#publish_model": "open",
      "pubsub#access_model": "open",
    });
    expect(node.affiliations.get("bob@b.test")).toBe("owner");

    expect(id).toBe(`${HOME}/${TICKETS}/${item!.attrs.id}`);
    expect(await findTicket(id)).toMatchObject({
      projectId,
      title: "Button does nothing",
      number: 1,
      status: "queued",
      authorJid: "bob@b.test",
      commentsUri: wire.comments_uri,
    });
  });

  it("numbers the next ticket after the highest one known", async () => {
    const { id, number } = await createTicket(alice, projectId, newTicket("Second"));
    expect(number).toBe(2);
    expect((await findTicket(id))?.number).toBe(2);
  });

  it("refuses a ticket without a title before publishing anything", async () => {
    const before = pubsub.requests.length;
    await expect(createTicket(alice, projectId, newTicket("  "))).rejects.toThrow(/title/);
    expect(pubsub.requests.length).toBe(before);
  });

  it("republishes an edit with only the changed fields rewritten, and logs it in the timeline", async () => {
    const { id } = await createTicket(alice, projectId, newTicket("To edit"));
    const cached = (await findTicket(id))!;
    const before = fields(pubsub.payloads(HOME, TICKETS).get(cached.itemId));

    await updateTicket(bob, id, { status: "started", labels: ["ui", "urgent"] });

    const after = fields(pubsub.payloads(HOME, TICKETS).get(cached.itemId));
    expect(after.status).toBe("started");
    expect(after.labels).toBe("ui\nurgent");
    const untouched = ({ status, labels, updated, ...rest }: Record<string, string>) => {
      void [status, labels, updated];
      return rest;
    };
    expect(untouched(after)).toEqual(untouched(before));
    expect(after.author_jid).toBe("alice@a.test"); // who filed it, not who edited it
    expect(await findTicket(id)).toMatchObject({
      status: "started",
      labels: '["ui","urgent"]',
      publisher: "bob@b.test",
    });
    // One timeline entry per changed field, in the ticket's comments node, by the editor.
    const comments = parseXmppUri(cached.commentsUri)!;
    const timeline = [...pubsub.node(comments.jid, comments.node!)!.items.values()];
    expect(timeline.length).toBe(2);
    expect(timeline.every((entry) => entry.attrs.publisher === "bob@b.test")).toBe(true);
    expect(await listComments(projectId, comments.jid, comments.node!)).toHaveLength(2);
  });

  it("keeps fields it does not know when editing a ticket another client filed", async () => {
    pubsub.publishAs("carol@a.test", HOME, TICKETS, "libervia-1", liberviaFixture("d2_extra.xml"));
    const { openProject } = await import("@/lib/forge/projects/operations");
    await openProject(alice, HOME, "tracker");
    const id = `${HOME}/${TICKETS}/libervia-1`;
    expect((await findTicket(id))?.title).toBe("d2 extra fields");

    await updateTicket(alice, id, { title: "Renamed" });

    const after = fields(pubsub.payloads(HOME, TICKETS).get("libervia-1"));
    expect(after).toMatchObject({
      title: "Renamed",
      "pubforge-id": "projA#42",
      milestone: "v1.2",
      status: "wontfix",
      labels: "x\ny",
    });
    expect((await findTicket(id))?.title).toBe("Renamed");
  });

  it("applies a bulk change to each ticket and reports the one that is gone", async () => {
    const one = await createTicket(alice, projectId, newTicket("Bulk one"));
    const two = await createTicket(alice, projectId, newTicket("Bulk two", { labels: ["a"] }));
    const result = await bulkUpdateTickets(alice, {
      ids: [one.id, `${HOME}/${TICKETS}/nope`, two.id],
      status: "done",
      addLabel: "triaged",
    });
    expect(result.updated).toBe(2);
    expect(result.failures.map((f) => f.id)).toEqual([`${HOME}/${TICKETS}/nope`]);
    expect(await findTicket(two.id)).toMatchObject({ status: "done", labels: '["a","triaged"]' });
    expect(
      fields(pubsub.payloads(HOME, TICKETS).get((await findTicket(one.id))!.itemId)).status,
    ).toBe("done");
  });

  it("says so when the ticket was deleted on the service meanwhile", async () => {
    const { id } = await createTicket(alice, projectId, newTicket("Doomed"));
    pubsub.node(HOME, TICKETS)!.items.delete((await findTicket(id))!.itemId);
    const refusal = await updateTicket(alice, id, { status: "done" }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({
      code: "item-gone",
      data: { item: "ticket", where: "service" },
    });
    expect(actionError(refusal).message).toBe("This ticket was deleted on its pubsub service.");
  });
});
