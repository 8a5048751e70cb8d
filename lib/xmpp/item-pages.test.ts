import xml, { type Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { XmppFailure } from "./errors";
import { getAllItems, itemPages } from "./item-pages";
import { NS_PUBSUB, type IqRequester } from "./pubsub";
import { NS_RSM } from "./rsm";
import { parseXml } from "./xml";

/** A node of `size` items (ids i0, i1, …) on a service that pages with RSM, or ignores it. */
function fakeService(
  service: string,
  options: {
    rsm: boolean;
    size: number;
    /** Overrides the <set> of a page: what a broken or hostile service would send. */
    set?: (page: { first?: string; last?: string; count: number }) => Element | undefined;
  },
) {
  const ids = Array.from({ length: options.size }, (_, i) => `i${i}`);
  const requests: Element[] = [];
  const session: IqRequester = {
    async request(iq) {
      requests.push(iq);
      const pubsub = iq.getChild("pubsub", NS_PUBSUB)!;
      const node = pubsub.getChild("items")!.attrs.node as string;
      const set = pubsub.getChild("set", NS_RSM);
      let page = ids;
      if (options.rsm && set) {
        const after = set.getChildText("after");
        const start = after === null ? 0 : ids.indexOf(after) + 1;
        page = ids.slice(start, start + Number(set.getChildText("max")));
      }
      const reply = {
        first: page[0],
        last: page.at(-1),
        count: ids.length,
      };
      const replySet =
        options.set?.(reply) ??
        (options.rsm && set && page.length > 0
          ? xml(
              "set",
              { xmlns: NS_RSM },
              xml("first", { index: "0" }, reply.first!),
              xml("last", {}, reply.last!),
              xml("count", {}, String(reply.count)),
            )
          : undefined);
      return xml(
        "iq",
        { type: "result", from: service },
        xml(
          "pubsub",
          { xmlns: NS_PUBSUB },
          xml(
            "items",
            { node },
            ...page.map((id) => xml("item", { id }, xml("t", { xmlns: "urn:t" }, id))),
          ),
          ...(replySet ? [replySet] : []),
        ),
      );
    },
  };
  return { session, requests };
}

describe("itemPages", () => {
  it("pages a node of a service that advertises RSM, the first page before the rest", async () => {
    const { session, requests } = fakeService("pubsub.ej.test", { rsm: true, size: 250 });
    const pages: string[][] = [];
    for await (const page of itemPages(session, "pubsub.ej.test", "tickets", { pageSize: 100 })) {
      pages.push(page.map((item) => item.id));
      // The consumer has the first page while the second has not even been asked for.
      if (pages.length === 1) expect(requests).toHaveLength(1);
    }
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(pages.flat()).toEqual(Array.from({ length: 250 }, (_, i) => `i${i}`));
    const afters = requests.map(
      (iq) => iq.getChild("pubsub")!.getChild("set", NS_RSM)!.getChildText("after") ?? null,
    );
    expect(afters).toEqual([null, "i99", "i199"]);
  });

  it("stops after a full last page when the count says the node is done", async () => {
    const { session, requests } = fakeService("pubsub.ej2.test", { rsm: true, size: 200 });
    expect(await getAllItems(session, "pubsub.ej2.test", "n", { pageSize: 100 })).toHaveLength(200);
    expect(requests).toHaveLength(2);
  });

  it("takes a reply without <set> as the whole node (a service that ignores RSM)", async () => {
    const { session, requests } = fakeService("pubsub.prosody.test", { rsm: false, size: 250 });
    const all = await getAllItems(session, "pubsub.prosody.test", "tickets", { pageSize: 100 });
    expect(all).toHaveLength(250);
    expect(requests).toHaveLength(1);
  });

  it("refuses a service whose <last> does not advance", async () => {
    const { session } = fakeService("pubsub.loop.test", {
      rsm: true,
      size: 1_000,
      set: () =>
        parseXml(
          `<set xmlns="${NS_RSM}"><first>i0</first><last>i99</last><count>1000</count></set>`,
        ),
    });
    await expect(getAllItems(session, "pubsub.loop.test", "n", { pageSize: 100 })).rejects.toThrow(
      /same page/,
    );
  });

  it("refuses a service that sends a <last> it already sent (a cycle of two)", async () => {
    let n = 0;
    const { session } = fakeService("pubsub.cycle.test", {
      rsm: true,
      size: 1_000,
      set: () => parseXml(`<set xmlns="${NS_RSM}"><last>${["i99", "i199"][n++ % 2]}</last></set>`),
    });
    await expect(getAllItems(session, "pubsub.cycle.test", "n", { pageSize: 100 })).rejects.toThrow(
      /same page/,
    );
  });

  it("stops at the page cap, having handed over the pages before it", async () => {
    const { session, requests } = fakeService("pubsub.big.test", { rsm: true, size: 1_000 });
    const pages: number[] = [];
    const reading = (async () => {
      for await (const page of itemPages(session, "pubsub.big.test", "n", {
        pageSize: 10,
        maxPages: 3,
      }))
        pages.push(page.length);
    })();
    await expect(reading).rejects.toThrow(/more than 30 items/);
    expect(pages).toEqual([10, 10, 10]);
    expect(requests).toHaveLength(3);
  });

  it("refuses a broken <set> as a bad payload", async () => {
    const { session } = fakeService("pubsub.broken.test", {
      rsm: true,
      size: 300,
      set: () => parseXml(`<set xmlns="${NS_RSM}"><last>a</last><last>b</last></set>`),
    });
    const failure = await getAllItems(session, "pubsub.broken.test", "n").catch((e) => e);
    expect(failure).toBeInstanceOf(XmppFailure);
    expect((failure as XmppFailure).kind).toBe("bad-payload");
  });
});
