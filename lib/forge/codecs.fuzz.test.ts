import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import { decodeComment } from "./comments/codec";
import { eventOfElement, timelineEventOfRecord } from "./comments/timeline-event";
import { decodeMergeRequest } from "./merge-requests/codec";
import { decodeRevision } from "./merge-requests/revision-codec";
import { decodeProjectInfo } from "./projects/codec";
import { decodeTicket } from "./tickets/codec";
import { decodeWikiEntry, decodeWikiItem } from "./wiki/codec";

// Items come from strangers' servers: a decoder answers { ok: false } (or undefined) for what
// it cannot read, and never throws.

const piece = fc.constantFrom(
  '<x xmlns="jabber:x:data" type="submit">',
  '<x xmlns="jabber:x:data" type="result">',
  "</x>",
  '<field var="FORM_TYPE"><value>org.salut-a-toi.tickets:0</value></field>',
  '<field var="FORM_TYPE"><value>org.salut-a-toi.merge_requests:0</value></field>',
  '<field var="FORM_TYPE"><value>urn:pubforge:project:0</value></field>',
  '<field var="FORM_TYPE"><value>urn:pubforge:merge-request-revision:0</value></field>',
  '<field var="title"><value>t</value></field>',
  '<field var="body"><wrapper xmlns="urn:xmpp:xml-element"><div xmlns="http://www.w3.org/1999/xhtml">b</div></wrapper></field>',
  '<field var="status"><value>open</value></field>',
  '<field var="revision"><value>-1</value></field>',
  '<field var="created"><value>not a date</value></field>',
  '<entry xmlns="http://www.w3.org/2005/Atom">',
  "</entry>",
  "<title>t</title>",
  "<content type='xhtml'>",
  "</content>",
  "<updated>2020-01-01T00:00:00Z</updated>",
  "<author><name>n</name><uri>xmpp:a@b</uri></author>",
  '<event xmlns="urn:pubforge:event:0" field="status" from="a" to="b"/>',
  '<anchor xmlns="urn:pubforge:anchor:0" file="x" line="NaN"/>',
  '<verdict xmlns="urn:pubforge:review:0" value="approve" revision="1"/>',
  '<verdict xmlns="urn:pubforge:review:0" value="approve" revision="99999999999"/>',
  '<category scheme="urn:pubforge:review:0" term="verdict"/>',
  '<field var="reviewers" type="jid-multi"><value>bob@b.test</value><value>\u0000</value></field>',
  "<value>",
  "</value>",
  "<field>",
  "</field>",
  "text",
);

const item = fc
  .tuple(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 14 }), fc.boolean())
  .map(([parts, inX]) =>
    inX
      ? `<item id="i"><x xmlns="jabber:x:data" type="submit">${parts.join("")}</x></item>`
      : `<item id="i">${parts.join("")}</item>`,
  );

function decodeAll(element: ReturnType<typeof parseXml>): void {
  const payload = element.getChildElements()[0] ?? element;
  for (const decoding of [
    decodeTicket(element),
    decodeMergeRequest(element),
    decodeComment(element),
    decodeRevision(element),
    decodeProjectInfo(payload),
    decodeWikiItem(element, "page"),
    decodeWikiItem(element, "revision"),
    decodeWikiEntry(payload, "slug"),
  ]) {
    expect(typeof decoding.ok).toBe("boolean");
  }
  eventOfElement(payload);
}

describe("item decoders on strangers' items", () => {
  it("decode or refuse any item without throwing", () => {
    fc.assert(
      fc.property(item, (text) => {
        let element;
        try {
          element = parseXml(text);
        } catch {
          return;
        }
        decodeAll(element);
      }),
      { numRuns: 300 },
    );
  });

  it("read any stored event record without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (json) => {
        timelineEventOfRecord(json);
      }),
      { numRuns: 300 },
    );
  });

  it("decode an item nested 10,000 levels deep in bounded time", () => {
    const deep = `<item id="i">${"<x>".repeat(10_000)}${"</x>".repeat(10_000)}</item>`;
    const started = performance.now();
    decodeAll(parseXml(deep));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
