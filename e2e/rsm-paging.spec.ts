import xml from "@xmpp/xml";
import { expect, test } from "@playwright/test";
import { itemPages } from "@/lib/xmpp/item-pages";
import { createNode, getItems, NS_PUBSUB, publish } from "@/lib/xmpp/pubsub";
import { NS_RSM, parseRsmReply, rsmRequest } from "@/lib/xmpp/rsm";
import { xmppClient } from "./xmpp-client";

// RSM paging against a real service that pages: ejabberd 23.01, which scripts/test.sh's mixed
// leg puts on b.test. Prosody 0.12 ignores RSM (lib/xmpp/item-pages.test.ts covers the
// whole-node reply), so on an all-Prosody pair there is nothing to page and this is skipped.
const SERVICE = "pubsub.b.test";
const SIZE = 300;

test("a node of 300 items on ejabberd comes in pages of 100, over s2s, each item once", async () => {
  test.skip(process.env.PUBFORGE_XMPP_B_SERVER !== "ejabberd", "b.test is not on ejabberd");
  test.setTimeout(180_000);
  const bob = await xmppClient("bob@b.test");
  const alice = await xmppClient("alice@a.test");
  try {
    const node = `rsm-e2e-${Date.now()}`;
    await createNode(bob, SERVICE, node, {
      "pubsub#max_items": "1000",
      "pubsub#access_model": "open",
    });
    const ids = Array.from({ length: SIZE }, (_, i) => `item-${String(i).padStart(3, "0")}`);
    for (let start = 0; start < SIZE; start += 25) {
      await Promise.all(
        ids
          .slice(start, start + 25)
          .map((id) =>
            publish(bob, SERVICE, node, xml("entry", { xmlns: "urn:e2e:rsm" }, id), { id }),
          ),
      );
    }

    // What ejabberd's <set> looks like (the fixture of lib/xmpp/rsm.test.ts is this reply).
    const first = await alice.request(
      xml(
        "iq",
        { type: "get", to: SERVICE },
        xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node }), rsmRequest(100)),
      ),
    );
    const set = parseRsmReply(first.getChild("pubsub", NS_PUBSUB));
    expect(set?.count).toBe(SIZE);
    expect(set?.first).toBeTruthy();
    expect(first.getChild("pubsub", NS_PUBSUB)?.getChild("set", NS_RSM)).toBeTruthy();

    const pages: string[][] = [];
    for await (const page of itemPages(alice, SERVICE, node, { pageSize: 100 })) {
      pages.push(page.map((item) => item.id));
    }
    expect(pages.map((page) => page.length)).toEqual([100, 100, 100]);
    expect(new Set(pages.flat()).size).toBe(SIZE);
    expect([...pages.flat()].sort()).toEqual(ids);

    // Without RSM ejabberd sends the whole node too: getItems' one-reply reads (mirrors,
    // maintainers, moderation logs) stay complete on it.
    expect(await getItems(alice, SERVICE, node)).toHaveLength(SIZE);
  } finally {
    await Promise.all([bob.stop(), alice.stop()]);
  }
});
