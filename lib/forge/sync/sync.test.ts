// The dispatcher: which domain gets which node's items, notifications, and a whole project's sync.
import xml, { type Element } from "@xmpp/xml";
import { beforeAll, describe, expect, it } from "vitest";
import { findComment } from "@/lib/cache/comments";
import { findMergeRequest } from "@/lib/cache/merge-requests";
import { findProject } from "@/lib/cache/projects";
import { findTicket } from "@/lib/cache/tickets";
import { commentSync } from "@/lib/forge/comments/sync";
import { mergeRequestSync, revisionSync } from "@/lib/forge/merge-requests/sync";
import { classifyNode, newCommentsNode, projectNodes } from "@/lib/forge/nodes";
import { projectInfoSync } from "@/lib/forge/projects/sync";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED,
  CAPTURED_ID,
  CAPTURED_NODES,
  capturedItem,
  capturedPayload,
  changesDuring,
  itemOf,
  projectInfoItem,
} from "@/lib/forge/testing/sync-items";
import { ticketSync } from "@/lib/forge/tickets/sync";
import { wikiHistorySync, wikiPageSync } from "@/lib/forge/wiki/sync";
import { NS_PUBSUB, type IqRequester } from "@/lib/xmpp/pubsub";
import { NS_PUBSUB_EVENT, parsePubsubEvents } from "@/lib/xmpp/pubsub-event";
import { applyItems, applyPubsubEvent, SYNC_TABLE, syncProject } from "./sync";

const SERVICE = CAPTURED.service;
const TICKET = "ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projX.xml";
/** The comments node the captured ticket links to. */
const COMMENTS = `urn:xmpp:microblog:0:comments/${CAPTURED_NODES.tickets}_8mvowY4BRf82wZ56ZxHJVn`;
const key = (node: string, itemId: string) => `${SERVICE}/${node}/${itemId}`;

/** A notification from the captured project's service, as a session receives it. */
function notification(node: string, ...children: Element[]) {
  const message = xml(
    "message",
    { from: SERVICE, to: "bob@forge.test" },
    xml("event", { xmlns: NS_PUBSUB_EVENT }, xml("items", { node }, ...children)),
  );
  const [event] = parsePubsubEvents(message);
  return event!;
}

/** A pubsub service holding these nodes' items; any other node does not exist. */
function serviceWith(nodes: Record<string, Element[]>): IqRequester {
  return {
    async request(iq) {
      const items = iq.getChild("pubsub", NS_PUBSUB)!.getChild("items")!;
      const node = String(items.attrs.node);
      const held = nodes[node];
      if (!held) throw Object.assign(new Error(node), { condition: "item-not-found" });
      const wanted = items.getChildren("item").map((item) => String(item.attrs.id));
      const answer = held.filter((item) => !wanted.length || wanted.includes(item.attrs.id));
      return xml(
        "iq",
        { type: "result" },
        xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node }, ...answer)),
      );
    },
  };
}

describe("the sync table", () => {
  it("sends each node of a project to its domain", () => {
    const nodes = projectNodes("demo");
    const domainOf = (node: string) => SYNC_TABLE[classifyNode(node)!.role].domain;
    expect(domainOf(nodes.info)).toBe(projectInfoSync);
    expect(domainOf(nodes.tickets)).toBe(ticketSync);
    expect(domainOf(nodes.mergeRequests)).toBe(mergeRequestSync);
    expect(domainOf(nodes.mergeRequestRevisions)).toBe(revisionSync);
    expect(domainOf(nodes.wiki)).toBe(wikiPageSync);
    expect(domainOf(nodes.wikiHistory)).toBe(wikiHistorySync);
    expect(domainOf(newCommentsNode(nodes.tickets))).toBe(commentSync);
    expect(domainOf(newCommentsNode(nodes.mergeRequests))).toBe(commentSync);
  });
});

describe("sync through the table", () => {
  useCacheDatabase();
  beforeAll(() => cacheProject());

  it("ignores nodes that are not a project's", async () => {
    const result = await applyItems(SERVICE, "urn:xmpp:microblog:0", [capturedItem(TICKET)]);
    expect(result).toEqual({ applied: 0, rejected: [], commentsNodes: [] });
  });

  it("keeps a project's items out until the project itself is cached", async () => {
    const nodes = projectNodes("later");
    const ticket = itemOf("t1", capturedPayload("d1_minimal.xml"));
    expect((await applyItems(SERVICE, nodes.tickets, [ticket])).applied).toBe(0);
    expect(await findTicket(key(nodes.tickets, "t1"))).toBeNull();

    const info = await applyItems(SERVICE, nodes.info, [projectInfoItem(SERVICE, "later")]);
    expect(info.applied).toBe(1);
    expect((await applyItems(SERVICE, nodes.tickets, [ticket])).applied).toBe(1);
  });

  it("brings a notification to the cache and to the project's viewers", async () => {
    const ticket = itemOf("notified", capturedPayload("d1_minimal.xml"));
    const changes = await changesDuring(async () => {
      const result = await applyPubsubEvent(notification(CAPTURED_NODES.tickets, ticket.element));
      expect(result?.applied).toBe(1);
    });
    const id = key(CAPTURED_NODES.tickets, "notified");
    expect(changes).toEqual([{ projectId: CAPTURED_ID, kind: "ticket", id }]);
    expect(await findTicket(id)).toMatchObject({ title: "d1 minimal: only title" });
  });

  it("reports a notified item that does not read, and announces it", async () => {
    const foreign = itemOf("foreign", capturedPayload("d4_other_formtype.xml"));
    const changes = await changesDuring(async () => {
      const result = await applyPubsubEvent(notification(CAPTURED_NODES.tickets, foreign.element));
      expect(result?.rejected).toEqual([
        { node: CAPTURED_NODES.tickets, itemId: "foreign", reason: expect.any(String) },
      ]);
    });
    expect(changes).toEqual([
      { projectId: CAPTURED_ID, kind: "ticket", id: key(CAPTURED_NODES.tickets, "foreign") },
    ]);
  });

  it("deletes what a retraction notification names", async () => {
    await applyPubsubEvent(
      notification(
        CAPTURED_NODES.tickets,
        itemOf("gone", capturedPayload("d1_minimal.xml")).element,
      ),
    );
    await applyPubsubEvent(notification(CAPTURED_NODES.tickets, xml("retract", { id: "gone" })));
    expect(await findTicket(key(CAPTURED_NODES.tickets, "gone"))).toBeNull();
  });

  it("forgets a purged comments node", async () => {
    const comment = itemOf("c1", capturedPayload("comment_publish_iq.xml"));
    await applyPubsubEvent(notification(COMMENTS, comment.element));
    expect(await findComment(key(COMMENTS, "c1"))).not.toBeNull();
    await applyPubsubEvent({ kind: "purge", service: SERVICE, node: COMMENTS });
    expect(await findComment(key(COMMENTS, "c1"))).toBeNull();
  });
});

describe("syncProject", () => {
  useCacheDatabase();
  const ticket = capturedItem(TICKET);
  const request = itemOf("mr1", capturedPayload("f1_mr_git_type.xml"));
  const comment = itemOf("c1", capturedPayload("comment_publish_iq.xml"));
  const foreign = itemOf("foreign", capturedPayload("d4_other_formtype.xml"));

  it("reads info, tickets, merge requests and comments; nodes a project lacks are skipped", async () => {
    const reader = serviceWith({
      [CAPTURED_NODES.info]: [projectInfoItem(SERVICE, CAPTURED.slug).element],
      [CAPTURED_NODES.tickets]: [ticket.element, foreign.element],
      [CAPTURED_NODES.mergeRequests]: [request.element],
      [COMMENTS]: [comment.element],
    });
    const progress: [number, number][] = [];
    const report = await syncProject(reader, SERVICE, CAPTURED.slug, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(report).toEqual({
      tickets: 1,
      mergeRequests: 1,
      comments: 1,
      rejected: [{ node: CAPTURED_NODES.tickets, itemId: "foreign", reason: expect.any(String) }],
      commentsNodes: [{ service: SERVICE, node: COMMENTS }],
    });
    expect(progress).toEqual([[1, 1]]);
    expect(await findProject(CAPTURED_ID)).not.toBeNull();
    expect(await findMergeRequest(key(CAPTURED_NODES.mergeRequests, "mr1"))).not.toBeNull();
    expect(await findComment(key(COMMENTS, "c1"))).not.toBeNull();
  });

  it("fails for a project without info, or without its ticket tracker", async () => {
    await expect(syncProject(serviceWith({}), SERVICE, "absent")).rejects.toThrow();
    const noTickets = serviceWith({
      [CAPTURED_NODES.info]: [projectInfoItem(SERVICE, CAPTURED.slug).element],
    });
    await expect(syncProject(noTickets, SERVICE, CAPTURED.slug)).rejects.toMatchObject({
      kind: "item-not-found",
    });
  });
});
