import { describe, expect, it } from "vitest";
import { getItems, itemFromElement, type PubsubItem } from "@/lib/xmpp/pubsub";
import { classifyNode, projectNodes } from "@/lib/forge/nodes";
import { mirrorNodeName, planMirrorSync, readingFromMirror } from "./mirror";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { parseXml } from "@/lib/xmpp/xml";

/** Items as they come off the wire: parsed from Libervia's captures, each with a given id. */
function wireItem(fixture: string, id: string): PubsubItem {
  const element = liberviaFixture(fixture);
  element.attrs.id = id;
  return itemFromElement(element);
}

describe("mirrorNodeName", () => {
  it("keeps the home service and node, and is never taken for a project node", () => {
    const node = projectNodes("demo").tickets;
    const mirror = mirrorNodeName("pubsub.a.test", node);
    expect(mirror).toBe(`mirror/pubsub.a.test/${node}`);
    expect(classifyNode(mirror)).toBeNull();
  });
});

describe("planMirrorSync", () => {
  it("copies every item of an empty mirror, keeping ids", () => {
    const home = [
      wireItem("libervia_ticket_before_update.xml", "t1"),
      wireItem("ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projQ.xml", "t2"),
    ];
    const plan = planMirrorSync(home, []);
    expect(plan.publish.map((item) => item.id)).toEqual(["t1", "t2"]);
    expect(plan.retract).toEqual([]);
  });

  it("leaves identical items alone, so a second catch-up publishes nothing", () => {
    const home = [wireItem("libervia_ticket_before_update.xml", "t1")];
    const mirror = [wireItem("libervia_ticket_before_update.xml", "t1")];
    expect(planMirrorSync(home, mirror)).toEqual({ publish: [], retract: [] });
  });

  it("republishes an item edited at home and retracts one the home retracted", () => {
    const home = [wireItem("libervia_ticket_after_update.xml", "t1")];
    const mirror = [
      wireItem("libervia_ticket_before_update.xml", "t1"),
      wireItem("d1_minimal.xml", "gone"),
    ];
    const plan = planMirrorSync(home, mirror);
    expect(plan.publish.map((item) => item.id)).toEqual(["t1"]);
    expect(plan.retract).toEqual(["gone"]);
  });

  it("skips items without a payload (nothing to copy)", () => {
    const empty = itemFromElement(
      parseXml('<item xmlns="http://jabber.org/protocol/pubsub" id="e"/>'),
    );
    expect(planMirrorSync([empty], []).publish).toEqual([]);
  });
});

describe("readingFromMirror", () => {
  const sent: string[] = [];
  const mirrorReply = parseXml(
    `<iq type="result" xmlns="jabber:client"><pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="x"><item id="t1" publisher="forge@b.test"><x xmlns="jabber:x:data"/></item></items></pubsub></iq>`,
  );
  const session = {
    async request(iq: ReturnType<typeof parseXml>) {
      sent.push(iq.toString());
      return mirrorReply;
    },
  };
  const reader = readingFromMirror(session, "pubsub.a.test", "pubsub.b.test");

  it("reads the home node's items from its mirror node, without the copier as publisher", async () => {
    const node = projectNodes("demo").tickets;
    const items = await getItems(reader, "pubsub.a.test", node);
    expect(sent.at(-1)).toContain('to="pubsub.b.test"');
    expect(sent.at(-1)).toContain(`node="${mirrorNodeName("pubsub.a.test", node)}"`);
    expect(items.map((item) => [item.id, item.publisher])).toEqual([["t1", undefined]]);
  });

  it("passes anything else through unchanged", async () => {
    await getItems(reader, "pubsub.c.test", "forge/demo/project");
    expect(sent.at(-1)).toContain('to="pubsub.c.test"');
    expect(sent.at(-1)).toContain('node="forge/demo/project"');
  });
});
