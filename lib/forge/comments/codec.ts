import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { markdownToXhtmlElement, NS_XHTML } from "@/lib/forge/markdown";
import {
  describeEvent,
  eventElement,
  eventOfElement,
  NS_PUBFORGE_EVENT,
  type TimelineEvent,
} from "./timeline-event";
import {
  describeVerdict,
  type Verdict,
  VERDICT_TERM,
  verdictCategory,
  verdictElement,
  verdictOfElement,
} from "./verdict";
import { MAX_ANCHOR_RANGE } from "./anchor-limits";
import {
  describeResolution,
  type InReplyTo,
  inReplyToElement,
  inReplyToOf,
  RESOLUTION_TERM,
  type Resolution,
  resolutionElement,
  resolutionOfElement,
} from "./thread-codec";
import { NS_PUBFORGE_REVIEW } from "./review-namespace";
import { attr, childElements, cloneElement, firstChildElement, xmlSafeText } from "@/lib/xmpp/xml";

/** XEP-0277 comments: Atom entries in the comments node of a ticket or merge request. */
export const NS_ATOM = "http://www.w3.org/2005/Atom";
/** Pubforge's markdown source of a comment, which Libervia ignores. */
export const NS_PUBFORGE_MARKDOWN = "urn:pubforge:markdown:0";
/** Where in a patch an inline review comment points. */
export const NS_PUBFORGE_ANCHOR = "urn:pubforge:anchor:0";

export const CommentAnchorSchema = z
  .object({
    // An attribute: XML turns tabs and line breaks in it into spaces, so the anchor would point
    // at another name (found by codecs.roundtrip.test.ts).
    file: z
      .string()
      .min(1)
      .regex(
        /^[^\t\n\r]*$/,
        "Inline comments cannot point at a file whose name has a tab or a line break.",
      ),
    side: z.enum(["old", "new"]),
    line: z.coerce.number().int().positive(),
    /** Which revision of a merge request's series the line belongs to. */
    revision: z.coerce.number().int().positive().optional(),
    /**
     * The first line of a range ending at `line` (a suggestion on several lines); bounded, so
     * that a hostile anchor names no million-line range.
     */
    from: z.coerce.number().int().positive().optional(),
  })
  .refine(
    ({ from, line }) => from === undefined || (from <= line && line - from < MAX_ANCHOR_RANGE),
    {
      message: `A range of lines starts at or before its last line, ${MAX_ANCHOR_RANGE} lines at most`,
      path: ["from"],
    },
  );
export type CommentAnchor = z.infer<typeof CommentAnchorSchema>;

export interface Comment {
  /** The Atom id (Libervia: the item's XMPP URI). */
  readonly id: string | undefined;
  readonly authorName: string | undefined;
  /** As the entry claims it; who really published it is the item's publisher. */
  readonly authorJid: string | undefined;
  readonly published: string | undefined;
  readonly updated: string | undefined;
  /** Pubforge's source, when Pubforge wrote the entry and nobody rewrote its text since. */
  readonly markdown: string | undefined;
  /** The plain text every XEP-0277 client has (Libervia: its `content`). */
  readonly text: string;
  /** The rich version, unsanitised as received: render through sanitizeXhtml. */
  readonly xhtml: Element | undefined;
  readonly anchor: CommentAnchor | undefined;
  /** Set when the entry records a change to its ticket rather than saying something. */
  readonly event: TimelineEvent | undefined;
  /** Set when a reviewer's verdict on a revision rides along (verdict.ts). */
  readonly verdict: Verdict | undefined;
  /** What the entry answers, as it says (thread-codec.ts; which item that is: repliedItemId). */
  readonly inReplyTo: InReplyTo | undefined;
  /** Set when the entry resolves or reopens a thread rather than saying something. */
  readonly resolution: Resolution | undefined;
  /** The entry as received, so an edit keeps what Pubforge does not understand. */
  readonly entry: Element;
}

export type CommentDecoding = { ok: true; comment: Comment } | { ok: false; reason: string };

const IsoDateTime = z.iso.datetime({ offset: true });

/** Reads a comment from a pubsub `<item>` or from its Atom `<entry>`. */
export function decodeComment(element: Element): CommentDecoding {
  const entry =
    element.getName() === "item" ? firstChildElement(element, "entry", NS_ATOM) : element;
  if (!entry || !entry.is("entry", NS_ATOM)) return { ok: false, reason: "not an Atom entry" };
  // Libervia reads <title> and <content> alike, keyed by type; with no <content>, the title is
  // the comment's text (which is how Libervia writes comments).
  const texts = [
    ...childElements(entry, "content", NS_ATOM),
    ...childElements(entry, "title", NS_ATOM),
  ];
  const plain = texts.find((element) => (attr(element, "type") ?? "text") === "text");
  const xhtml = texts
    .filter((element) => attr(element, "type") === "xhtml")
    .map((element) => firstChildElement(element, "div", NS_XHTML))
    .find((div) => div !== undefined);
  if (!plain && !xhtml) return { ok: false, reason: "the entry has neither text nor XHTML" };
  const text = plain ? plain.getText() : textContent(xhtml!).trim();
  const author = firstChildElement(entry, "author", NS_ATOM);
  const uri = author && firstChildElement(author, "uri", NS_ATOM)?.getText().trim();
  return {
    ok: true,
    comment: {
      id: firstChildElement(entry, "id", NS_ATOM)?.getText().trim() || undefined,
      authorName:
        (author && firstChildElement(author, "name", NS_ATOM)?.getText().trim()) || undefined,
      authorJid: uri?.startsWith("xmpp:") ? uri.slice(5) || undefined : undefined,
      published: isoDateTime(entry, "published"),
      updated: isoDateTime(entry, "updated"),
      markdown: markdownOf(entry, plain ? text : undefined),
      text,
      xhtml,
      anchor: anchorOf(entry),
      event: eventOf(entry),
      verdict: verdictOf(entry),
      inReplyTo: inReplyToOf(entry),
      resolution: resolutionOf(entry),
      entry,
    },
  };
}

function markdownOf(entry: Element, text: string | undefined): string | undefined {
  const ours = firstChildElement(entry, "markdown", NS_PUBFORGE_MARKDOWN)?.getText();
  // Pubforge writes its source as the text too; if they differ, another client edited the
  // text and left our element behind, and the source no longer says what the comment says.
  if (ours !== undefined) return ours === text ? ours : undefined;
  return childElements(entry, "content", NS_ATOM)
    .find((element) => attr(element, "type") === "text/markdown")
    ?.getText();
}

function textContent(element: Element): string {
  return element.children
    .map((child) => (typeof child === "string" ? child : textContent(child)))
    .join("");
}

function isoDateTime(entry: Element, name: string): string | undefined {
  const parsed = IsoDateTime.safeParse(firstChildElement(entry, name, NS_ATOM)?.getText().trim());
  return parsed.success ? parsed.data : undefined;
}

function anchorOf(entry: Element): CommentAnchor | undefined {
  const element = firstChildElement(entry, "anchor", NS_PUBFORGE_ANCHOR);
  const parsed = CommentAnchorSchema.safeParse(element?.attrs);
  return parsed.success ? parsed.data : undefined;
}

/**
 * An event needs both marks Pubforge writes, a category (which any Atom reader can filter on)
 * and the element naming the same field; anything else is read as a plain comment.
 */
function eventOf(entry: Element): TimelineEvent | undefined {
  const marks = childElements(entry, "event", NS_PUBFORGE_EVENT);
  const event = marks.length === 1 ? eventOfElement(marks[0]!) : undefined;
  const categories = childElements(entry, "category", NS_ATOM).filter(
    (category) => attr(category, "scheme") === NS_PUBFORGE_EVENT,
  );
  const marked = categories.length === 1 && attr(categories[0]!, "term") === event?.field;
  return marked ? event : undefined;
}

/** Like an event: one category and one element, or a plain comment. */
function verdictOf(entry: Element): Verdict | undefined {
  const marks = childElements(entry, "verdict", NS_PUBFORGE_REVIEW);
  const categories = childElements(entry, "category", NS_ATOM).filter(
    (category) =>
      attr(category, "scheme") === NS_PUBFORGE_REVIEW && attr(category, "term") === VERDICT_TERM,
  );
  return marks.length === 1 && categories.length === 1 ? verdictOfElement(marks[0]!) : undefined;
}

/** As eventOf: the element and a category naming it, exactly once each. */
function resolutionOf(entry: Element): Resolution | undefined {
  const marks = childElements(entry, "resolution", NS_PUBFORGE_REVIEW);
  const resolution = marks.length === 1 ? resolutionOfElement(marks[0]!) : undefined;
  const categories = childElements(entry, "category", NS_ATOM).filter(
    (category) => attr(category, "scheme") === NS_PUBFORGE_REVIEW,
  );
  const marked = categories.length === 1 && attr(categories[0]!, "term") === RESOLUTION_TERM;
  return marked ? resolution : undefined;
}

export interface NewComment {
  readonly markdown: string;
  readonly authorName: string;
  readonly authorJid: string;
  readonly published: string;
  readonly updated: string;
  /** The Atom id; Libervia uses the item's XMPP URI (formatXmppUri). */
  readonly id?: string;
  readonly anchor?: CommentAnchor;
  /** A reply's parent; a reply carries no anchor of its own (it is shown with its thread's). */
  readonly inReplyTo?: InReplyTo;
}

/**
 * An entry shaped like Libervia's own comments (XHTML and text titles, no <content>): Libervia
 * shows a comment's text only when there is no <content>, and would otherwise show it twice,
 * as a title and as a body. The markdown source rides along in an element Libervia ignores.
 */
export function encodeComment(comment: NewComment): Element {
  const markdown = normalizedMarkdown(comment.markdown);
  return xml(
    "entry",
    { xmlns: NS_ATOM },
    ...textElements(markdown),
    xml(
      "author",
      {},
      xml("name", {}, comment.authorName),
      xml("uri", {}, `xmpp:${comment.authorJid}`),
    ),
    xml("updated", {}, comment.updated),
    xml("published", {}, comment.published),
    ...(comment.id === undefined ? [] : [xml("id", {}, comment.id)]),
    markdownElement(markdown),
    ...(comment.anchor === undefined ? [] : [anchorElement(comment.anchor)]),
    ...(comment.inReplyTo === undefined ? [] : [inReplyToElement(comment.inReplyTo)]),
  );
}

export interface NewEventEntry {
  readonly event: TimelineEvent;
  readonly authorName: string;
  readonly authorJid: string;
  readonly published: string;
  readonly id?: string;
}

/**
 * A timeline event as a comment: Libervia shows its text ("changed status queued → closed");
 * Pubforge reads the category and the event element.
 */
export function encodeEventEntry(entry: NewEventEntry): Element {
  return xml(
    "entry",
    { xmlns: NS_ATOM },
    xml("title", { type: "text" }, xmlSafeText(describeEvent(entry.event))),
    xml("author", {}, xml("name", {}, entry.authorName), xml("uri", {}, `xmpp:${entry.authorJid}`)),
    xml("updated", {}, entry.published),
    xml("published", {}, entry.published),
    ...(entry.id === undefined ? [] : [xml("id", {}, entry.id)]),
    xml("category", { scheme: NS_PUBFORGE_EVENT, term: entry.event.field }),
    eventElement(entry.event),
  );
}

export interface NewVerdictEntry extends Omit<NewComment, "markdown" | "anchor"> {
  readonly verdict: Verdict;
  /** What the reviewer adds, if anything. */
  readonly markdown: string;
}

/**
 * A verdict as a comment whose text starts with what it says ("Approved revision 3"), so
 * Libervia shows it; Pubforge reads the category and the element.
 */
export function encodeVerdictEntry(entry: NewVerdictEntry): Element {
  const said = describeVerdict(entry.verdict);
  const text = entry.markdown.trim();
  const comment = encodeComment({ ...entry, markdown: text ? `${said}\n\n${text}` : said });
  comment.append(verdictCategory(), verdictElement(entry.verdict));
  return comment;
}

export interface NewResolutionEntry {
  readonly resolution: Resolution;
  /** The thread's first comment, which the entry answers too, so Atom readers thread it. */
  readonly inReplyTo: InReplyTo;
  readonly authorName: string;
  readonly authorJid: string;
  readonly published: string;
  readonly id?: string;
}

/** A thread resolved or reopened: Libervia shows "resolved this thread"; Pubforge reads the mark. */
export function encodeResolutionEntry(entry: NewResolutionEntry): Element {
  return xml(
    "entry",
    { xmlns: NS_ATOM },
    xml("title", { type: "text" }, describeResolution(entry.resolution)),
    xml("author", {}, xml("name", {}, entry.authorName), xml("uri", {}, `xmpp:${entry.authorJid}`)),
    xml("updated", {}, entry.published),
    xml("published", {}, entry.published),
    ...(entry.id === undefined ? [] : [xml("id", {}, entry.id)]),
    xml("category", { scheme: NS_PUBFORGE_REVIEW, term: RESOLUTION_TERM }),
    resolutionElement(entry.resolution),
    inReplyToElement(entry.inReplyTo),
  );
}

export interface CommentEdit {
  readonly markdown: string;
  readonly updated: string;
}

/** The edited entry: new text and date; author, id, anchor and unknown elements kept. */
export function editComment(comment: Comment, edit: CommentEdit): Element {
  const replaced = (child: Element) =>
    (child.getNS() === NS_ATOM && ["title", "content", "updated"].includes(child.getName())) ||
    child.is("markdown", NS_PUBFORGE_MARKDOWN);
  const kept = comment.entry.getChildElements().filter((child) => !replaced(child));
  const markdown = normalizedMarkdown(edit.markdown);
  return xml(
    "entry",
    { ...comment.entry.attrs, xmlns: NS_ATOM },
    ...textElements(markdown),
    ...kept.map(cloneElement),
    xml("updated", {}, edit.updated),
    markdownElement(markdown),
  );
}

// Browsers submit CRLF; XML parsers turn it into LF, and the text must survive unchanged for
// the source and the title to stay equal.
function normalizedMarkdown(markdown: string): string {
  return xmlSafeText(markdown.replace(/\r\n?/g, "\n"));
}

function textElements(markdown: string): Element[] {
  return [
    xml("title", { type: "xhtml" }, markdownToXhtmlElement(markdown)),
    // Markdown reads well as plain text, and keeps the link targets stripped text would lose.
    xml("title", { type: "text" }, markdown),
  ];
}

function markdownElement(markdown: string): Element {
  return xml("markdown", { xmlns: NS_PUBFORGE_MARKDOWN }, markdown);
}

function anchorElement({ file, side, line, revision, from }: CommentAnchor): Element {
  return xml("anchor", {
    xmlns: NS_PUBFORGE_ANCHOR,
    file,
    side,
    line: String(line),
    ...(revision === undefined ? {} : { revision: String(revision) }),
    ...(from === undefined || from === line ? {} : { from: String(from) }),
  });
}
