import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestOfThree, expectLinearIn } from "@/lib/testing/linear-time";
import { NS_RSM, parseRsmReply, RsmError, rsmRequest } from "./rsm";
import { parseXml } from "./xml";

const reply = (set: string) =>
  parseXml(`<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="n"/>${set}</pubsub>`);

describe("parseRsmReply", () => {
  it("reads ejabberd 23.01's <set> (captured: a reply to <max>2</max>, ids are timestamps)", () => {
    const captured = parseXml(
      `<iq xml:lang="en" to="bob@b.test/p2" from="pubsub.b.test" type="result" id="n9civeazi6"><pubsub xmlns="http://jabber.org/protocol/pubsub"><set xmlns="http://jabber.org/protocol/rsm"><count>5</count><first index="0">2026-12-05T05:33:23.315010Z</first><last>2026-12-05T05:33:23.316994Z</last></set><items node="probe-1796448803286"><item id="i0"><entry xmlns="urn:x">n0</entry></item><item id="i1"><entry xmlns="urn:x">n1</entry></item></items></pubsub></iq>`,
    );
    expect(parseRsmReply(captured.getChild("pubsub"))).toEqual({
      first: "2026-12-05T05:33:23.315010Z",
      last: "2026-12-05T05:33:23.316994Z",
      count: 5,
    });
  });

  it("is undefined without a <set> (a service that ignores RSM)", () => {
    expect(parseRsmReply(reply(""))).toBeUndefined();
    expect(parseRsmReply(undefined)).toBeUndefined();
  });

  it("reads an empty <set> (an empty page) as nothing known", () => {
    expect(parseRsmReply(reply(`<set xmlns="${NS_RSM}"><count>0</count></set>`))).toEqual({
      count: 0,
    });
  });

  it.each([
    [`<last>a</last><last>b</last>`, /twice/],
    [`<max>5</max>`, /unexpected <max>/],
    [`text`, /text directly/],
    [`<count>-1</count>`, /malformed/],
    [`<count>1e9</count>`, /malformed/],
    [`<count>12345678901</count>`, /malformed/],
    [`<last></last>`, /malformed/],
    [`<last>${"x".repeat(1025)}</last>`, /malformed/],
  ])("refuses %s", (inner, message) => {
    expect(() => parseRsmReply(reply(`<set xmlns="${NS_RSM}">${inner}</set>`))).toThrow(message);
  });

  it("reads or refuses with RsmError, never anything else, for any children", () => {
    const child = fc.oneof(
      fc
        .constantFrom("first", "last", "count", "max", "after", "index")
        .chain((name) =>
          fc
            .oneof(fc.string({ maxLength: 12 }), fc.nat().map(String))
            .map((text) => ({ name, text })),
        ),
    );
    fc.assert(
      fc.property(fc.array(child, { maxLength: 6 }), (children) => {
        const set = parseXml(`<set xmlns="${NS_RSM}"/>`);
        for (const { name, text } of children) set.c(name).t(text);
        const container = parseXml(`<pubsub xmlns="http://jabber.org/protocol/pubsub"/>`);
        container.cnode(set);
        try {
          const read = parseRsmReply(container)!;
          for (const key of Object.keys(read)) expect(["first", "last", "count"]).toContain(key);
        } catch (error) {
          expect(error).toBeInstanceOf(RsmError);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("stays linear on a <set> of many children and on a long id", () => {
    expectLinearIn(
      (n) => `<set xmlns="${NS_RSM}">${" ".repeat(n)}<first>${"a".repeat(n)}</first></set>`,
      (text) => expect(() => parseRsmReply(reply(text))).toThrow(RsmError),
      200_000,
    );
    const long = reply(`<set xmlns="${NS_RSM}"><last>${"x".repeat(1 << 20)}</last></set>`);
    expect(bestOfThree(() => expect(() => parseRsmReply(long)).toThrow(RsmError))).toBeLessThan(
      2_000,
    );
  });
});

describe("rsmRequest", () => {
  it("asks for a first page, then for the page after an id", () => {
    expect(rsmRequest(100).toString()).toBe(`<set xmlns="${NS_RSM}"><max>100</max></set>`);
    expect(rsmRequest(100, "i99").toString()).toBe(
      `<set xmlns="${NS_RSM}"><max>100</max><after>i99</after></set>`,
    );
  });
});
