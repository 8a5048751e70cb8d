import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { NS_ATOM } from "@/lib/forge/comments/codec";
import { attr, childElements, firstChildElement, xmlSafeText } from "@/lib/xmpp/xml";
import { NS_PUBFORGE_REVIEW } from "@/lib/forge/comments/review-namespace";

/** The category term (and element name) of an entry recording applied suggestions. */
export const APPLIED_TERM = "suggestions-applied";
/** Suggestions one entry (one new revision) may apply: what a batch may hold. */
export const MAX_APPLIED_PER_ENTRY = 20;

export interface AppliedSuggestions {
  /** The revision whose last commit holds them. */
  readonly revision: number;
  /** Item ids, in the same comments node, of the comments whose suggestions were applied. */
  readonly comments: readonly string[];
}

const ItemId = z.string().min(1).max(200);
const AppliedSchema = z.object({
  revision: z.coerce.number().int().positive(),
  comments: z.array(ItemId).min(1).max(MAX_APPLIED_PER_ENTRY),
});

export interface NewAppliedEntry extends AppliedSuggestions {
  /** The reviewers whose suggestions these were, for the sentence other clients show. */
  readonly reviewers: readonly string[];
  readonly authorName: string;
  readonly authorJid: string;
  readonly published: string;
  readonly id?: string;
}

/**
 * An Atom entry, so XEP-0277 clients show a comment saying what happened, with the category
 * and element Pubforge reads. Who applied them is the item's publisher, not this entry.
 */
export function encodeAppliedEntry(entry: NewAppliedEntry): Element {
  const count = entry.comments.length;
  const what = count === 1 ? "a suggestion" : `${count} suggestions`;
  const title = `Applied ${what} from ${entry.reviewers.join(", ")} in revision ${entry.revision}`;
  return xml(
    "entry",
    { xmlns: NS_ATOM },
    xml("title", { type: "text" }, xmlSafeText(title)),
    xml("author", {}, xml("name", {}, entry.authorName), xml("uri", {}, `xmpp:${entry.authorJid}`)),
    xml("updated", {}, entry.published),
    xml("published", {}, entry.published),
    ...(entry.id === undefined ? [] : [xml("id", {}, entry.id)]),
    xml("category", { scheme: NS_PUBFORGE_REVIEW, term: APPLIED_TERM }),
    xml(
      APPLIED_TERM,
      { xmlns: NS_PUBFORGE_REVIEW, revision: String(entry.revision) },
      ...entry.comments.map((item) => xml("comment", { item })),
    ),
  );
}

/**
 * What an entry (or its pubsub `<item>`) says was applied, when it carries both marks and
 * they pass the schema; anything else is a plain comment.
 */
export function appliedOf(element: Element): AppliedSuggestions | undefined {
  const entry =
    element.getName() === "item" ? firstChildElement(element, "entry", NS_ATOM) : element;
  if (!entry?.is("entry", NS_ATOM)) return undefined;
  const marked = childElements(entry, "category", NS_ATOM).some(
    (category) =>
      attr(category, "scheme") === NS_PUBFORGE_REVIEW && attr(category, "term") === APPLIED_TERM,
  );
  const records = childElements(entry, APPLIED_TERM, NS_PUBFORGE_REVIEW);
  if (!marked || records.length !== 1) return undefined;
  const record = records[0]!;
  const comments = childElements(record, "comment", NS_PUBFORGE_REVIEW)
    .slice(0, MAX_APPLIED_PER_ENTRY + 1)
    .map((comment) => attr(comment, "item"));
  const parsed = AppliedSchema.safeParse({ revision: attr(record, "revision"), comments });
  return parsed.success ? parsed.data : undefined;
}
