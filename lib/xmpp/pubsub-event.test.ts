import { describe, expect, it } from "vitest";
import { parseXml as parse } from "@/lib/xmpp/xml";
import { parsePubsubEvents } from "./pubsub-event";

const message = (inner: string) =>
  parse(
    `<message from="pubsub.a.test" to="bob@b.test"><event xmlns="http://jabber.org/protocol/pubsub#event">${inner}</event></message>`,
  );

describe("parsePubsubEvents", () => {
  it("reads published items with their publisher and payload", () => {
    const [event] = parsePubsubEvents(
      message(
        `<items node="n1"><item id="i1" publisher="alice@a.test"><x xmlns="jabber:x:data" type="submit"/></item></items>`,
      ),
    );
    expect(event).toMatchObject({ kind: "items", service: "pubsub.a.test", node: "n1" });
    if (event?.kind !== "items") throw new Error("expected items");
    expect(event.items[0]?.id).toBe("i1");
    expect(event.items[0]?.publisher).toBe("alice@a.test");
    expect(event.items[0]?.payload?.is("x", "jabber:x:data")).toBe(true);
  });

  it("takes the bare JID of ejabberd's publisher, which names the resource", () => {
    // Captured from ejabberd 23.01 (a node with pubsub#itemreply = publisher).
    const [event] = parsePubsubEvents(
      message(
        `<items node="n1"><item publisher="bob@b.test/p2" id="one"><entry xmlns="urn:x">x</entry></item></items>`,
      ),
    );
    if (event?.kind !== "items") throw new Error("expected items");
    expect(event.items[0]?.publisher).toBe("bob@b.test");
    const [nameless] = parsePubsubEvents(
      message(
        `<items node="n1"><item publisher="@" id="two"><entry xmlns="urn:x"/></item></items>`,
      ),
    );
    if (nameless?.kind !== "items") throw new Error("expected items");
    expect(nameless.items[0]?.publisher).toBeUndefined();
  });

  it("reads retractions, purges and deletions", () => {
    const events = parsePubsubEvents(
      message(
        `<items node="n1"><retract id="i1"/><retract id="i2"/></items><purge node="n2"/><delete node="n3"/>`,
      ),
    );
    expect(events).toEqual([
      { kind: "retract", service: "pubsub.a.test", node: "n1", ids: ["i1", "i2"] },
      { kind: "purge", service: "pubsub.a.test", node: "n2" },
      { kind: "delete", service: "pubsub.a.test", node: "n3" },
    ]);
  });

  it("ignores messages without a pubsub event and items without a node", () => {
    expect(parsePubsubEvents(parse(`<message from="a.test"><body>hi</body></message>`))).toEqual(
      [],
    );
    expect(parsePubsubEvents(message(`<items><item id="x"/></items>`))).toEqual([]);
  });
});
