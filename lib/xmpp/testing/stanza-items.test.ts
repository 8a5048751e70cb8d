import { describe, expect, it } from "vitest";
import { itemsOfStanza, readPubsubItem } from "./stanza-items";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { parseXml } from "../xml";

describe("readPubsubItem", () => {
  it("gives the id and payload of a stored item", () => {
    const item = readPubsubItem(liberviaFixture("mr_item_raw.xml"));
    expect(item.id).toBe("9c692ddf-47bd-4390-9ad2-780c8bbb1db5");
    expect(item.publisher).toBeUndefined();
    expect(item.payload?.is("x", "jabber:x:data")).toBe(true);
  });

  it("gives the publisher the service vouches for, and no payload for a bare notification", () => {
    const item = readPubsubItem(
      parseXml(
        `<item xmlns='http://jabber.org/protocol/pubsub#event' id='i1' publisher='bob@forge.test'/>`,
      ),
    );
    expect(item).toEqual({ id: "i1", publisher: "bob@forge.test", payload: undefined });
  });
});

describe("itemsOfStanza", () => {
  it("finds the item of a publish request, which has no id yet", () => {
    const [group] = itemsOfStanza(liberviaFixture("ticket_publish_iq.xml"));
    expect(group?.node).toBe("fdp/submitted/org.salut-a-toi.tickets:0");
    expect(group?.items).toHaveLength(1);
    expect(readPubsubItem(group!.items[0]!).id).toBeUndefined();
  });

  it("finds items in an iq result and in an event notification", () => {
    const result = parseXml(
      `<iq type='result' xmlns='jabber:client'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'><item id='a'><p xmlns='urn:p'/></item><item id='b'><p xmlns='urn:p'/></item></items></pubsub></iq>`,
    );
    expect(
      itemsOfStanza(result).map((group) => [group.node, group.items.map((item) => item.attrs.id)]),
    ).toEqual([["n", ["a", "b"]]]);
    const event = parseXml(
      `<message xmlns='jabber:client'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='m'><item id='c' publisher='a@b'><p xmlns='urn:p'/></item><retract id='d'/></items></event></message>`,
    );
    const [group] = itemsOfStanza(event);
    expect(group?.items.map((item) => readPubsubItem(item).publisher)).toEqual(["a@b"]);
  });

  it("finds nothing in a stanza without pubsub items", () => {
    expect(itemsOfStanza(liberviaFixture("comments_node_create_iq.xml"))).toEqual([]);
  });
});
