import { describe, expect, it } from "vitest";
import { getValue, parseDataForm } from "./dataform";
import { liberviaFixture, liberviaFixtureNames } from "@/lib/forge/testing/fixtures";
import { formatXmppUri, parseXmppUri } from "./xmpp-uri";

function fixtureCommentsUris(): string[] {
  return liberviaFixtureNames().flatMap((name) => {
    const root = liberviaFixture(name);
    const x =
      root.name === "x" ? root : root.getChildByAttr("xmlns", "jabber:x:data", undefined, true);
    const uri = x && getValue(parseDataForm(x), "comments_uri");
    return uri ? [uri] : [];
  });
}

describe("parseXmppUri", () => {
  it("reads Libervia's comments_uri", () => {
    expect(
      parseXmppUri(
        "xmpp:pubsub.forge.test?;node=urn%3Axmpp%3Amicroblog%3A0%3Acomments%2Ffdp%2Fsubmitted%2Forg.salut-a-toi.tickets%3A0_JStzB4nkQmn5Zdn58PPheR",
      ),
    ).toEqual({
      jid: "pubsub.forge.test",
      node: "urn:xmpp:microblog:0:comments/fdp/submitted/org.salut-a-toi.tickets:0_JStzB4nkQmn5Zdn58PPheR",
    });
  });

  it("reads the item of a comment's Atom id", () => {
    const id = liberviaFixture("comment_publish_iq.xml")
      .getChildByAttr("xmlns", "http://www.w3.org/2005/Atom", undefined, true)!
      .getChildText("id")!;
    expect(parseXmppUri(id)).toEqual({
      jid: "pubsub.forge.test",
      node: "urn:xmpp:microblog:0:comments/fdp/submitted/org.salut-a-toi.tickets:0_JStzB4nkQmn5Zdn58PPheR",
      item: "-cHwQ",
    });
  });

  it("round-trips every comments_uri in the fixtures to the very same string", () => {
    const uris = fixtureCommentsUris();
    expect(uris.length).toBeGreaterThanOrEqual(7);
    for (const uri of uris) {
      const address = parseXmppUri(uri);
      expect(address?.jid).toBe("pubsub.forge.test");
      expect(address?.node).toMatch(
        /^urn:xmpp:microblog:0:comments\/fdp\/submitted\/org\.salut-a-toi\./,
      );
      expect(formatXmppUri(address!)).toBe(uri);
    }
  });

  it("accepts a bare JID, an action and an authority; refuses other schemes and bad escapes", () => {
    expect(parseXmppUri("xmpp:pubsub.a.test")).toEqual({ jid: "pubsub.a.test" });
    expect(parseXmppUri("xmpp:pubsub.a.test?pubsub;action=subscribe;node=n%2Fm")).toEqual({
      jid: "pubsub.a.test",
      node: "n/m",
    });
    expect(parseXmppUri("xmpp://me@a.test/pubsub.a.test?;node=n")).toEqual({
      jid: "pubsub.a.test",
      node: "n",
    });
    expect(parseXmppUri("https://pubsub.a.test")).toBeUndefined();
    expect(parseXmppUri("xmpp:?;node=n")).toBeUndefined();
    expect(parseXmppUri("xmpp:a.test?;node=%E0%A4%A")).toBeUndefined();
  });
});

describe("formatXmppUri", () => {
  it("escapes node and item like Python's quote(safe='') and keeps the JID readable", () => {
    expect(formatXmppUri({ jid: "pubsub.a.test", node: "forge/demo/project" })).toBe(
      "xmpp:pubsub.a.test?;node=forge%2Fdemo%2Fproject",
    );
    expect(formatXmppUri({ jid: "alice@a.test", node: "a b;c?(x)!", item: "é*" })).toBe(
      "xmpp:alice@a.test?;node=a%20b%3Bc%3F%28x%29%21;item=%C3%A9%2A",
    );
    expect(formatXmppUri({ jid: "pubsub.a.test" })).toBe("xmpp:pubsub.a.test");
  });

  it("is undone by parseXmppUri", () => {
    const address = { jid: "pubsub.a.test", node: "weird ;=?&#% node", item: "x/y" };
    expect(parseXmppUri(formatXmppUri(address))).toEqual(address);
  });
});
