import type { Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import {
  type Comment,
  decodeComment,
  editComment,
  encodeComment,
  encodeEventEntry,
  NS_ATOM,
} from "./codec";
import { itemsOfStanza } from "@/lib/xmpp/testing/stanza-items";
import { sanitizeXhtml } from "@/lib/forge/markdown";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { cloneElement, parseXml } from "@/lib/xmpp/xml";

function decoded(element: Element): Comment {
  const result = decodeComment(element);
  if (!result.ok) throw new Error(result.reason);
  return result.comment;
}

/** As the entry comes back from the server: serialised and parsed again. */
function overTheWire(entry: Element): Element {
  return parseXml(entry.toString());
}

/** What Libervia's XEP-0277 reader (item2mbdata) makes of an entry's titles and contents. */
function libervias(entry: Element): Record<string, string> {
  const data: Record<string, string> = {};
  for (const element of [
    ...entry.getChildren("title", NS_ATOM),
    ...entry.getChildren("content", NS_ATOM),
  ]) {
    const type = element.attrs.type as string | undefined;
    const key = type === "xhtml" ? `${element.name}_xhtml` : element.name;
    // Libervia rejects the whole item when a key repeats.
    if (key in data) throw new Error(`Libervia would reject the entry: ${key} twice`);
    data[key] = type === "xhtml" ? element.getChildElements()[0]!.toString() : element.getText();
  }
  if (!("content" in data)) {
    data.content = data.title!;
    delete data.title;
    if ("title_xhtml" in data) {
      data.content_xhtml = data.title_xhtml!;
      delete data.title_xhtml;
    }
  }
  return data;
}

const libervia = itemsOfStanza(liberviaFixture("comment_publish_iq.xml"))[0]!.items[0]!;

const NEW_COMMENT = {
  markdown: "Fixed in **r2**, see [the patch](https://forge.test/p/1).\n\n- tested on `f.py`",
  authorName: "Alice",
  authorJid: "alice@forge.test",
  published: "2026-11-25T15:00:00Z",
  updated: "2026-11-25T15:00:00Z",
  id: "xmpp:pubsub.forge.test?;node=urn%3Axmpp%3Amicroblog%3A0%3Acomments%2Fx;item=abc",
};

describe("decodeComment", () => {
  it("reads Libervia's comment: author, dates, text from the title, XHTML to render", () => {
    const comment = decoded(libervia);
    expect(comment).toMatchObject({
      id: "xmpp:pubsub.forge.test?;node=urn%3Axmpp%3Amicroblog%3A0%3Acomments%2Ffdp%2Fsubmitted%2Forg.salut-a-toi.tickets%3A0_JStzB4nkQmn5Zdn58PPheR;item=-cHwQ",
      authorName: "bob",
      authorJid: "bob@forge.test",
      published: "2026-11-25T14:55:00Z",
      updated: "2026-11-25T14:55:00Z",
      markdown: undefined,
      text: "I can reproduce this with an empty file.",
      anchor: undefined,
    });
    expect(comment.xhtml && sanitizeXhtml(comment.xhtml)).toBe(
      "<div>I can reproduce this with an empty file.</div>",
    );
  });

  it('prefers <content> to <title>, and reads markdown written as <content type="text/markdown">', () => {
    const comment = decoded(
      parseXml(
        `<entry xmlns="${NS_ATOM}"><title>A title</title><content type="text">Body text</content><content type="text/markdown">Body *text*</content><updated>2026-01-01T00:00:00Z</updated></entry>`,
      ),
    );
    expect(comment).toMatchObject({
      text: "Body text",
      markdown: "Body *text*",
      xhtml: undefined,
      authorJid: undefined,
    });
  });

  it("derives the text from XHTML when there is no plain text", () => {
    const comment = decoded(
      parseXml(
        `<entry xmlns="${NS_ATOM}"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a <b>b</b></p></div></title></entry>`,
      ),
    );
    expect(comment.text).toBe("a b");
  });

  it("rejects what is not an entry, or has no text, saying why", () => {
    expect(decodeComment(liberviaFixture("d1_minimal.xml"))).toEqual({
      ok: false,
      reason: "not an Atom entry",
    });
    expect(
      decodeComment(parseXml("<item xmlns='http://jabber.org/protocol/pubsub' id='x'/>")),
    ).toEqual({
      ok: false,
      reason: "not an Atom entry",
    });
    expect(decodeComment(parseXml(`<entry xmlns="${NS_ATOM}"><id>x</id></entry>`))).toEqual({
      ok: false,
      reason: "the entry has neither text nor XHTML",
    });
  });

  it("ignores a malformed anchor and a non-XMPP author URI", () => {
    const comment = decoded(
      parseXml(
        `<entry xmlns="${NS_ATOM}"><title>t</title><author><uri>https://x.test</uri></author><anchor xmlns="urn:pubforge:anchor:0" file="a" side="left" line="x"/></entry>`,
      ),
    );
    expect(comment.anchor).toBeUndefined();
    expect(comment.authorJid).toBeUndefined();
  });
});

describe("encodeComment", () => {
  const entry = overTheWire(encodeComment(NEW_COMMENT));

  it("is shaped like Libervia's own comments, so Libervia shows it as one", () => {
    expect(
      entry
        .getChildElements()
        .map((child) => `${child.name}${child.attrs.type ? `:${child.attrs.type}` : ""}`),
    ).toEqual(["title:xhtml", "title:text", "author", "updated", "published", "id", "markdown"]);
    const data = libervias(entry);
    expect(Object.keys(data).sort()).toEqual(["content", "content_xhtml"]);
    expect(data.content).toBe(NEW_COMMENT.markdown);
    expect(data.content_xhtml).toContain("<strong>r2</strong>");
    expect(data.content_xhtml?.startsWith('<div xmlns="http://www.w3.org/1999/xhtml">')).toBe(true);
  });

  it("reads back as the comment it describes", () => {
    const comment = decoded(entry);
    expect(comment).toMatchObject({
      id: NEW_COMMENT.id,
      authorName: "Alice",
      authorJid: "alice@forge.test",
      published: NEW_COMMENT.published,
      updated: NEW_COMMENT.updated,
      markdown: NEW_COMMENT.markdown,
      text: NEW_COMMENT.markdown,
      anchor: undefined,
    });
    expect(comment.xhtml && sanitizeXhtml(comment.xhtml)).toContain(
      '<a href="https://forge.test/p/1" rel="nofollow noopener noreferrer">the patch</a>',
    );
  });

  it("carries an inline review anchor, and no id when none is given", () => {
    const anchored = overTheWire(
      encodeComment({
        ...NEW_COMMENT,
        id: undefined,
        anchor: { file: "src/f.py", side: "old", line: 12 },
      }),
    );
    expect(anchored.getChild("id")).toBeUndefined();
    expect(anchored.getChild("anchor", "urn:pubforge:anchor:0")?.toString()).toBe(
      `<anchor xmlns="urn:pubforge:anchor:0" file="src/f.py" side="old" line="12"/>`,
    );
    expect(decoded(anchored).anchor).toEqual({ file: "src/f.py", side: "old", line: 12 });
  });

  it("stores browser CRLF line ends and XML-forbidden characters the way they will come back", () => {
    const comment = decoded(
      overTheWire(encodeComment({ ...NEW_COMMENT, markdown: "a\r\nb\u0000" })),
    );
    expect(comment.markdown).toBe("a\nb");
  });
});

describe("editComment", () => {
  it("replaces the text and date, keeping author, published, id, anchor and unknown elements", () => {
    const original = parseXml(
      encodeComment({ ...NEW_COMMENT, anchor: { file: "f.py", side: "new", line: 3 } })
        .toString()
        .replace(
          "</entry>",
          `<category term="review"/><x xmlns="urn:example:unknown" a="1"><y/></x></entry>`,
        ),
    );
    const edited = overTheWire(
      editComment(decoded(original), { markdown: "Now *better*", updated: "2026-11-26T00:00:00Z" }),
    );
    const comment = decoded(edited);
    expect(comment).toMatchObject({
      id: NEW_COMMENT.id,
      authorJid: "alice@forge.test",
      published: NEW_COMMENT.published,
      updated: "2026-11-26T00:00:00Z",
      markdown: "Now *better*",
      text: "Now *better*",
      anchor: { file: "f.py", side: "new", line: 3 },
    });
    expect(edited.getChildren("title")).toHaveLength(2);
    expect(edited.getChildren("updated")).toHaveLength(1);
    expect(edited.getChild("x", "urn:example:unknown")?.toString()).toBe(
      `<x xmlns="urn:example:unknown" a="1"><y/></x>`,
    );
    expect(edited.getChild("category")?.attrs.term).toBe("review");
    expect(libervias(edited).content).toBe("Now *better*");
  });

  it("turns Libervia's own comment into one with markdown, dropping its old text", () => {
    const edited = overTheWire(
      editComment(decoded(libervia), { markdown: "Still *true*", updated: "2026-11-26T00:00:00Z" }),
    );
    expect(libervias(edited)).toMatchObject({ content: "Still *true*" });
    expect(decoded(edited)).toMatchObject({
      authorName: "bob",
      published: "2026-11-25T14:55:00Z",
      markdown: "Still *true*",
    });
    expect(edited.toString()).not.toContain("I can reproduce");
  });
});

describe("markdown left behind by another client's edit", () => {
  it("is not trusted once the text no longer matches it", () => {
    const entry = overTheWire(encodeComment(NEW_COMMENT));
    entry.getChildren("title").find((title) => title.attrs.type === "text")!.children = [
      "rewritten elsewhere",
    ];
    const comment = decoded(entry);
    expect(comment.text).toBe("rewritten elsewhere");
    expect(comment.markdown).toBeUndefined();
  });
});

describe("timeline events", () => {
  const EVENT_ENTRY = {
    event: { field: "status" as const, from: ["queued"], to: ["closed"] },
    authorName: "alice",
    authorJid: "alice@a.test",
    published: "2026-12-04T14:03:00Z",
    id: "xmpp:pubsub.a.test?;node=comments;item=e1",
  };

  it("are comments to Libervia, saying what changed", () => {
    const entry = overTheWire(encodeEventEntry(EVENT_ENTRY));
    expect(libervias(entry)).toEqual({ content: "changed status queued → closed" });
    expect(entry.getChild("category")?.attrs).toMatchObject({
      scheme: "urn:pubforge:event:0",
      term: "status",
    });
  });

  it("read back as the event, by its publisher's date", () => {
    expect(decoded(overTheWire(encodeEventEntry(EVENT_ENTRY)))).toMatchObject({
      event: EVENT_ENTRY.event,
      authorJid: "alice@a.test",
      published: "2026-12-04T14:03:00Z",
      text: "changed status queued → closed",
      markdown: undefined,
    });
  });

  it("need both marks agreeing; anything else is a plain comment", () => {
    const variant = (change: (entry: Element) => void) => {
      const entry = overTheWire(encodeEventEntry(EVENT_ENTRY));
      change(entry);
      return decoded(entry);
    };
    const category = (entry: Element) => entry.getChild("category")!;
    const event = (entry: Element) => entry.getChild("event", "urn:pubforge:event:0")!;
    expect(variant(() => {}).event).toBeDefined();
    expect(variant((e) => e.remove(category(e))).event).toBeUndefined();
    expect(variant((e) => e.remove(event(e))).event).toBeUndefined();
    expect(variant((e) => (category(e).attrs.term = "labels")).event).toBeUndefined();
    expect(variant((e) => (event(e).attrs.field = "owner")).event).toBeUndefined();
    expect(variant((e) => e.append(cloneElement(event(e)))).event).toBeUndefined();
    // Still a comment with its text, whatever happened to the marks.
    expect(variant((e) => e.remove(event(e))).text).toBe("changed status queued → closed");
  });

  it("are not in Libervia's comments, nor in ordinary Pubforge ones", () => {
    expect(decoded(libervia).event).toBeUndefined();
    expect(decoded(overTheWire(encodeComment(NEW_COMMENT))).event).toBeUndefined();
  });
});
