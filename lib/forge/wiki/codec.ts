import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { NS_ATOM } from "@/lib/forge/comments/codec";
import { WikiSlugSchema } from "./links";
import { attr, childElements, cloneElement, firstChildElement, xmlSafeText } from "@/lib/xmpp/xml";

/**
 * Wiki pages (docs/architecture.md §3): Atom entries, markdown in
 * `<content type="text/markdown">`. Item `<page>` of `forge/<slug>/wiki` is the current
 * version; item `<page>/<revision>` of `forge/<slug>/wiki-history` is each revision, the same
 * full entry. Pubforge's own facts (page, revision number, rename and deletion marks) ride in
 * one element other readers ignore.
 */
export const NS_PUBFORGE_WIKI = "urn:pubforge:wiki:0";
export const MARKDOWN_TYPE = "text/markdown";

export interface WikiPage {
  readonly slug: string;
  readonly title: string;
  readonly markdown: string;
  /** The edit summary of this revision. */
  readonly summary: string;
  /** 0 when the entry has no revision number (another client wrote it). */
  readonly revision: number;
  readonly updated: string | undefined;
  readonly authorName: string | undefined;
  /** As the entry claims it; who really published it is the item's publisher. */
  readonly authorJid: string | undefined;
  /** A history revision recording that the page was deleted (or renamed away). */
  readonly deleted: boolean;
  /** The slug this page had before a rename, on the first revision under its new slug. */
  readonly renamedFrom: string | undefined;
  /** On the revision that closed a page by renaming it: where it went. */
  readonly movedTo: string | undefined;
  /** The entry as received, so an edit keeps what Pubforge does not understand. */
  readonly entry: Element;
}

export type WikiDecoding = { ok: true; page: WikiPage } | { ok: false; reason: string };

const IsoDateTime = z.iso.datetime({ offset: true });
const RevisionNumber = z.coerce.number().int().min(1).max(1_000_000_000);

/** The history item id of one revision. */
export function historyItemId(slug: string, revision: number): string {
  return `${slug}/${revision}`;
}

/** Page and revision of a history item id, or undefined when it is not one. */
export function parseHistoryItemId(itemId: string): { slug: string; revision: number } | undefined {
  const cut = itemId.lastIndexOf("/");
  const slug = WikiSlugSchema.safeParse(itemId.slice(0, cut));
  const revision = RevisionNumber.safeParse(itemId.slice(cut + 1));
  if (cut <= 0 || !slug.success || !revision.success || !/^\d+$/.test(itemId.slice(cut + 1))) {
    return undefined;
  }
  return { slug: slug.data, revision: revision.data };
}

/**
 * Reads a page item (`kind: "page"`, id = slug) or a history item (`kind: "revision"`, id =
 * `<page>/<revision>`). The item id is what the node's layout promises; an entry that says
 * otherwise is a copy from elsewhere and is refused rather than shown under the wrong name.
 */
export function decodeWikiItem(item: Element, kind: "page" | "revision"): WikiDecoding {
  const itemId = attr(item, "id") ?? "";
  const where =
    kind === "page"
      ? WikiSlugSchema.safeParse(itemId).success
        ? { slug: itemId, revision: undefined }
        : undefined
      : parseHistoryItemId(itemId);
  if (!where) return { ok: false, reason: `“${itemId}” is not a wiki ${kind} item id` };
  const entry = firstChildElement(item, "entry", NS_ATOM);
  if (!entry) return { ok: false, reason: "not an Atom entry" };
  const decoded = decodeWikiEntry(entry, where.slug);
  if (!decoded.ok) return decoded;
  const { page } = decoded;
  if (page.slug !== where.slug) {
    return { ok: false, reason: `the entry is page “${page.slug}”, not “${where.slug}”` };
  }
  if (where.revision !== undefined && page.revision !== 0 && page.revision !== where.revision) {
    return { ok: false, reason: `the entry is revision ${page.revision}, not ${where.revision}` };
  }
  return { ok: true, page: { ...page, revision: where.revision ?? page.revision } };
}

/** Reads an Atom entry; `slug` is used when the entry does not name its page. */
export function decodeWikiEntry(entry: Element, slug: string): WikiDecoding {
  if (!entry.is("entry", NS_ATOM)) return { ok: false, reason: "not an Atom entry" };
  const meta = firstChildElement(entry, "revision", NS_PUBFORGE_WIKI);
  const content = childElements(entry, "content", NS_ATOM);
  const markdown = content.find((element) => attr(element, "type") === MARKDOWN_TYPE);
  const plain = content.find((element) => (attr(element, "type") ?? "text") === "text");
  const source = markdown ?? plain;
  const deleted = attr(meta ?? entry, "deleted") === "true";
  if (!source && !deleted) return { ok: false, reason: "the entry has no markdown content" };
  const title = firstChildElement(entry, "title", NS_ATOM)?.getText().trim() ?? "";
  const pageOf = (value: string | undefined) =>
    value === undefined || !WikiSlugSchema.safeParse(value).success ? undefined : value;
  const revision = RevisionNumber.safeParse(meta && attr(meta, "number"));
  const author = firstChildElement(entry, "author", NS_ATOM);
  const uri = author && firstChildElement(author, "uri", NS_ATOM)?.getText().trim();
  const updated = IsoDateTime.safeParse(
    firstChildElement(entry, "updated", NS_ATOM)?.getText().trim(),
  );
  const named = meta && attr(meta, "page");
  if (named !== undefined && !pageOf(named)) {
    return { ok: false, reason: `“${named}” is not a wiki page name` };
  }
  const pageSlug = named ?? slug;
  return {
    ok: true,
    page: {
      slug: pageSlug,
      title: title || pageSlug,
      markdown: source?.getText() ?? "",
      summary: firstChildElement(entry, "summary", NS_ATOM)?.getText().trim() ?? "",
      revision: revision.success ? revision.data : 0,
      updated: updated.success ? updated.data : undefined,
      authorName:
        (author && firstChildElement(author, "name", NS_ATOM)?.getText().trim()) || undefined,
      authorJid: uri?.startsWith("xmpp:") ? uri.slice(5) || undefined : undefined,
      deleted,
      renamedFrom: pageOf(meta && attr(meta, "renamed-from")),
      movedTo: pageOf(meta && attr(meta, "moved-to")),
      entry,
    },
  };
}

export interface WikiRevisionFields {
  readonly slug: string;
  readonly title: string;
  readonly markdown: string;
  readonly summary: string;
  readonly revision: number;
  readonly updated: string;
  readonly authorName: string;
  readonly authorJid: string;
  /** The Atom id: the page's XMPP URI, the same for every revision. */
  readonly id?: string;
  readonly deleted?: boolean;
  readonly renamedFrom?: string;
  readonly movedTo?: string;
}

/** A new entry. */
export function encodeWikiEntry(fields: WikiRevisionFields): Element {
  return xml(
    "entry",
    { xmlns: NS_ATOM },
    ...(fields.id === undefined ? [] : [xml("id", {}, fields.id)]),
    ...revisionElements(fields),
  );
}

/**
 * The next revision of an entry: title, text, summary, author, date and revision replaced;
 * everything else (its id, links, categories, elements of other namespaces) kept.
 */
export function editWikiEntry(previous: WikiPage, fields: WikiRevisionFields): Element {
  const replaced = (child: Element) =>
    (child.getNS() === NS_ATOM &&
      ["title", "content", "summary", "author", "updated"].includes(child.getName())) ||
    child.is("revision", NS_PUBFORGE_WIKI) ||
    (fields.id !== undefined && child.is("id", NS_ATOM));
  const kept = previous.entry.getChildElements().filter((child) => !replaced(child));
  return xml(
    "entry",
    { ...previous.entry.attrs, xmlns: NS_ATOM },
    ...(fields.id === undefined ? [] : [xml("id", {}, fields.id)]),
    ...kept.map(cloneElement),
    ...revisionElements(fields),
  );
}

function revisionElements(fields: WikiRevisionFields): Element[] {
  const summary = oneLine(fields.summary);
  return [
    xml("title", { type: "text" }, oneLine(fields.title)),
    xml("content", { type: MARKDOWN_TYPE }, normalizedMarkdown(fields.markdown)),
    ...(summary ? [xml("summary", { type: "text" }, summary)] : []),
    xml(
      "author",
      {},
      xml("name", {}, oneLine(fields.authorName)),
      xml("uri", {}, `xmpp:${fields.authorJid}`),
    ),
    xml("updated", {}, fields.updated),
    xml("revision", {
      xmlns: NS_PUBFORGE_WIKI,
      page: fields.slug,
      number: String(fields.revision),
      ...(fields.deleted ? { deleted: "true" } : {}),
      ...(fields.renamedFrom ? { "renamed-from": fields.renamedFrom } : {}),
      ...(fields.movedTo ? { "moved-to": fields.movedTo } : {}),
    }),
  ];
}

// Browsers submit CRLF; XML turns it into LF, and the text must read back exactly as written
// for the editor's conflict check to compare like with like.
export function normalizedMarkdown(markdown: string): string {
  return xmlSafeText(markdown.replace(/\r\n?/g, "\n"));
}

function oneLine(text: string): string {
  return xmlSafeText(text.replace(/\s+/g, " ").trim());
}
