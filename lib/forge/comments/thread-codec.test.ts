import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { decodeComment, encodeComment, encodeResolutionEntry, type Comment } from "./codec";
import { repliedItemId } from "./thread-codec";

const HERE = { service: "pubsub.a.test", node: "urn:xmpp:microblog:0:comments/mr_1" };
const rootUri = formatXmppUri({ jid: HERE.service, node: HERE.node, item: "root1" });

function decoded(xmlText: string): Comment {
  const result = decodeComment(parseXml(xmlText));
  if (!result.ok) throw new Error(result.reason);
  return result.comment;
}

const entry = (inner: string) =>
  `<entry xmlns="http://www.w3.org/2005/Atom"><title type="text">t</title>${inner}</entry>`;

describe("replies (RFC 4685 in-reply-to)", () => {
  it("round-trips a reply, which names the parent item of the same node", () => {
    const element = encodeComment({
      markdown: "yes",
      authorName: "bob",
      authorJid: "bob@b.test",
      published: "2026-12-05T08:00:00Z",
      updated: "2026-12-05T08:00:00Z",
      inReplyTo: { ref: rootUri, href: rootUri },
    });
    const comment = decoded(element.toString());
    expect(comment.inReplyTo).toEqual({ ref: rootUri, href: rootUri });
    expect(comment.anchor).toBeUndefined();
    expect(repliedItemId(comment.inReplyTo!, HERE)).toBe("root1");
    expect(element.toString()).toContain(
      '<in-reply-to xmlns="http://purl.org/syndication/thread/1.0"',
    );
  });

  it("reads Libervia's way too: only a ref, which is the parent's XMPP URI", () => {
    const comment = decoded(
      entry(
        `<thr:in-reply-to xmlns:thr="http://purl.org/syndication/thread/1.0" ref="${rootUri}"/>`,
      ),
    );
    expect(repliedItemId(comment.inReplyTo!, HERE)).toBe("root1");
  });

  it.each([
    ["another node", formatXmppUri({ jid: HERE.service, node: "other", item: "root1" })],
    ["another service", formatXmppUri({ jid: "pubsub.evil.test", node: HERE.node, item: "root1" })],
    ["no item", formatXmppUri({ jid: HERE.service, node: HERE.node })],
    ["a web address", "https://a.test/root1"],
    ["an item id too long", formatXmppUri({ ...HERE, jid: HERE.service, item: "x".repeat(300) })],
  ])("a reply to %s names no parent here", (_, uri) => {
    const comment = decoded(
      entry(
        `<in-reply-to xmlns="http://purl.org/syndication/thread/1.0" ref="${uri}" href="${uri}"/>`,
      ),
    );
    expect(
      comment.inReplyTo === undefined || repliedItemId(comment.inReplyTo, HERE) === undefined,
    ).toBe(true);
  });

  it("two in-reply-to elements, or a huge ref, make a plain comment", () => {
    const mark = `<in-reply-to xmlns="http://purl.org/syndication/thread/1.0" ref="${rootUri}"/>`;
    expect(decoded(entry(mark + mark)).inReplyTo).toBeUndefined();
    const huge = `<in-reply-to xmlns="http://purl.org/syndication/thread/1.0" ref="xmpp:${"a".repeat(5000)}"/>`;
    expect(decoded(entry(huge)).inReplyTo).toBeUndefined();
  });
});

describe("resolution entries", () => {
  const resolution = (state: "resolved" | "open") =>
    encodeResolutionEntry({
      resolution: { thread: "root1", state },
      inReplyTo: { ref: rootUri, href: rootUri },
      authorName: "bob",
      authorJid: "bob@b.test",
      published: "2026-12-05T08:00:00Z",
    });

  it("round-trip, with a sentence every Atom reader shows", () => {
    const comment = decoded(resolution("resolved").toString());
    expect(comment.resolution).toEqual({ thread: "root1", state: "resolved" });
    expect(comment.text).toBe("resolved this thread");
    expect(decoded(resolution("open").toString()).text).toBe("reopened this thread");
    expect(repliedItemId(comment.inReplyTo!, HERE)).toBe("root1");
  });

  const RESOLUTION = '<resolution xmlns="urn:pubforge:review:0" thread="root1" state="resolved"/>';
  const CATEGORY = '<category scheme="urn:pubforge:review:0" term="resolution"/>';
  it.each([
    ["no category", RESOLUTION],
    ["no element", CATEGORY],
    ["another term", RESOLUTION + '<category scheme="urn:pubforge:review:0" term="verdict"/>'],
    ["an unknown state", CATEGORY + RESOLUTION.replace("resolved", "maybe")],
    ["a stray attribute", CATEGORY + RESOLUTION.replace("/>", ' by="alice@a.test"/>')],
    ["two elements", CATEGORY + RESOLUTION + RESOLUTION],
    ["children", CATEGORY + RESOLUTION.replace("/>", "><x/></resolution>")],
    ["an empty thread", CATEGORY + RESOLUTION.replace('thread="root1"', 'thread=""')],
  ])("with %s, the entry is a plain comment", (_, inner) => {
    const comment = decoded(entry(inner));
    expect(comment.resolution).toBeUndefined();
  });
});

describe("hostile thread marks (fuzz)", () => {
  const piece = fc.constantFrom(
    '<in-reply-to xmlns="http://purl.org/syndication/thread/1.0" ref="xmpp:a?;node=n;item=i"/>',
    '<in-reply-to xmlns="http://purl.org/syndication/thread/1.0" href="%zz"/>',
    '<in-reply-to xmlns="http://purl.org/syndication/thread/1.0" ref="xmpp:?;item="/>',
    '<resolution xmlns="urn:pubforge:review:0" thread="i" state="resolved"/>',
    '<resolution xmlns="urn:pubforge:review:0" thread="i" state="open">x</resolution>',
    '<category scheme="urn:pubforge:review:0" term="resolution"/>',
    "<title>t</title>",
    "text",
  );
  it("never throws, and what it reads is within bounds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 10 }),
        (parts) => {
          let element;
          try {
            element = parseXml(entry(parts.join("")));
          } catch {
            return;
          }
          const result = decodeComment(element);
          if (!result.ok) return;
          const { inReplyTo, resolution } = result.comment;
          if (inReplyTo) {
            expect(inReplyTo.ref.length).toBeLessThanOrEqual(2048);
            repliedItemId(inReplyTo, HERE);
          }
          if (resolution) expect(["resolved", "open"]).toContain(resolution.state);
        },
      ),
    );
  });
});
