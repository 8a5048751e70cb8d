import xml, { type Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { NS_ATOM } from "@/lib/forge/comments/codec";
import {
  decodeWikiEntry,
  decodeWikiItem,
  editWikiEntry,
  encodeWikiEntry,
  historyItemId,
  NS_PUBFORGE_WIKI,
  parseHistoryItemId,
  type WikiPage,
  type WikiRevisionFields,
} from "./codec";
import { parseXml } from "@/lib/xmpp/xml";

const FIELDS: WikiRevisionFields = {
  slug: "install",
  title: "Install",
  markdown: "Run `make`.\n\n[Back home](home)\n",
  summary: "First version",
  revision: 1,
  updated: "2026-11-25T10:00:00.000Z",
  authorName: "alice",
  authorJid: "alice@a.test",
  id: "xmpp:pubsub.a.test?;node=forge%2Fdemo%2Fwiki;item=install",
};

/** As an item comes back from Prosody: serialised, parsed, wrapped with its id and publisher. */
function item(id: string, entry: Element, publisher = "alice@a.test"): Element {
  return parseXml(
    `<item xmlns="http://jabber.org/protocol/pubsub" id="${id}" publisher="${publisher}">${entry.toString()}</item>`,
  );
}

function page(result: ReturnType<typeof decodeWikiItem>): WikiPage {
  if (!result.ok) throw new Error(result.reason);
  return result.page;
}

describe("wiki codec", () => {
  it("round-trips a page through the wire", () => {
    const decoded = page(decodeWikiItem(item("install", encodeWikiEntry(FIELDS)), "page"));
    expect(decoded).toMatchObject({
      slug: "install",
      title: "Install",
      markdown: FIELDS.markdown,
      summary: "First version",
      revision: 1,
      updated: FIELDS.updated,
      authorName: "alice",
      authorJid: "alice@a.test",
      deleted: false,
      renamedFrom: undefined,
      movedTo: undefined,
    });
    const history = page(
      decodeWikiItem(item(historyItemId("install", 1), encodeWikiEntry(FIELDS)), "revision"),
    );
    expect(history.revision).toBe(1);
    expect(history.markdown).toBe(FIELDS.markdown);
  });

  it("writes the markdown as text/markdown content of a plain Atom entry", () => {
    const entry = parseXml(encodeWikiEntry(FIELDS).toString());
    expect(entry.is("entry", NS_ATOM)).toBe(true);
    expect(entry.getChild("content", NS_ATOM)?.attrs.type).toBe("text/markdown");
    expect(entry.getChild("title", NS_ATOM)?.getText()).toBe("Install");
    expect(entry.getChild("author", NS_ATOM)?.getChildText("uri", NS_ATOM)).toBe(
      "xmpp:alice@a.test",
    );
    expect(entry.getChild("revision", NS_PUBFORGE_WIKI)?.attrs).toMatchObject({
      page: "install",
      number: "1",
    });
  });

  it("normalises CRLF and drops characters XML cannot carry", () => {
    const entry = encodeWikiEntry({ ...FIELDS, markdown: "a\r\nb\rc\u0001d\n", title: " A\n B " });
    const decoded = page(decodeWikiItem(item("install", entry), "page"));
    expect(decoded.markdown).toBe("a\nb\ncd\n");
    expect(decoded.title).toBe("A B");
  });

  it("keeps markup in the text as text", () => {
    const markdown = '<script>alert(1)</script> & "quotes" ]]> <![CDATA[x]]>';
    const entry = encodeWikiEntry({ ...FIELDS, markdown, title: "<b>x</b>" });
    const decoded = page(decodeWikiItem(item("install", entry), "page"));
    expect(decoded.markdown).toBe(markdown);
    expect(decoded.title).toBe("<b>x</b>");
  });

  it("keeps unknown elements and the id on edit, replacing only what the edit changes", () => {
    const foreign = parseXml(
      `<entry xmlns="${NS_ATOM}" xml:lang="fr">` +
        `<id>urn:uuid:1</id><title>Install</title>` +
        `<content type="text/markdown">old</content>` +
        `<category term="docs"/><link rel="alternate" href="https://example.org/install"/>` +
        `<mood xmlns="urn:example:mood">sunny</mood>` +
        `<revision xmlns="${NS_PUBFORGE_WIKI}" page="install" number="4"/>` +
        `</entry>`,
    );
    const previous = page(decodeWikiItem(item("install", foreign), "page"));
    expect(previous.revision).toBe(4);
    const edited = parseXml(
      editWikiEntry(previous, {
        ...FIELDS,
        id: undefined,
        revision: 5,
        markdown: "new",
        summary: "",
      }).toString(),
    );
    expect(edited.attrs["xml:lang"]).toBe("fr");
    expect(edited.getChildText("id", NS_ATOM)).toBe("urn:uuid:1");
    expect(edited.getChild("category", NS_ATOM)?.attrs.term).toBe("docs");
    expect(edited.getChild("link", NS_ATOM)?.attrs.href).toBe("https://example.org/install");
    expect(edited.getChildText("mood", "urn:example:mood")).toBe("sunny");
    expect(edited.getChildren("content", NS_ATOM)).toHaveLength(1);
    expect(edited.getChildren("revision", NS_PUBFORGE_WIKI)).toHaveLength(1);
    expect(edited.getChild("summary", NS_ATOM)).toBeUndefined();
    const decoded = page(decodeWikiEntry(edited, "install"));
    expect(decoded).toMatchObject({ markdown: "new", revision: 5, authorJid: "alice@a.test" });
  });

  it("reads an entry another client wrote: plain text content, no revision number", () => {
    const entry = xml(
      "entry",
      { xmlns: NS_ATOM },
      xml("title", {}, "Notes"),
      xml("content", {}, "plain *text*"),
    );
    const decoded = page(decodeWikiItem(item("notes", entry), "page"));
    expect(decoded).toMatchObject({ slug: "notes", markdown: "plain *text*", revision: 0 });
  });

  it("records renames and deletions", () => {
    const moved = encodeWikiEntry({ ...FIELDS, revision: 3, deleted: true, movedTo: "setup" });
    expect(page(decodeWikiItem(item("install/3", moved), "revision"))).toMatchObject({
      deleted: true,
      movedTo: "setup",
    });
    const renamed = encodeWikiEntry({
      ...FIELDS,
      slug: "setup",
      revision: 3,
      renamedFrom: "install",
    });
    expect(page(decodeWikiItem(item("setup", renamed), "page")).renamedFrom).toBe("install");
  });

  it("refuses items that are not what their id says", () => {
    const entry = encodeWikiEntry(FIELDS);
    expect(decodeWikiItem(item("home", entry), "page")).toMatchObject({ ok: false });
    expect(decodeWikiItem(item("install/2", entry), "revision")).toMatchObject({ ok: false });
    expect(decodeWikiItem(item("install", entry), "revision")).toMatchObject({ ok: false });
    expect(decodeWikiItem(item("a/b", entry), "page")).toMatchObject({ ok: false });
    const notAtom = parseXml(`<item id="install"><x xmlns="jabber:x:data"/></item>`);
    expect(decodeWikiItem(notAtom, "page")).toEqual({ ok: false, reason: "not an Atom entry" });
    const empty = parseXml(
      `<item id="install"><entry xmlns="${NS_ATOM}"><title>x</title></entry></item>`,
    );
    expect(decodeWikiItem(empty, "page")).toMatchObject({ ok: false });
  });

  it("parses history item ids", () => {
    expect(parseHistoryItemId("install/12")).toEqual({ slug: "install", revision: 12 });
    expect(parseHistoryItemId("café/1")).toEqual({ slug: "café", revision: 1 });
    for (const bad of [
      "install",
      "install/",
      "/1",
      "install/0",
      "install/1.5",
      "a/b/1",
      "install/x",
    ]) {
      expect(parseHistoryItemId(bad), bad).toBeUndefined();
    }
  });
});
