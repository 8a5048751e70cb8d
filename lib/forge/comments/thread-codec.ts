import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { childElements } from "@/lib/xmpp/xml";
import { NS_PUBFORGE_REVIEW } from "@/lib/forge/comments/review-namespace";

/**
 * Threads on the wire (docs/review-workflow.md, "Threads"). A reply is an ordinary comment
 * carrying RFC 4685's `<in-reply-to ref href>`, as XEP-0277 answers an entry; a resolution is an
 * entry carrying Pubforge's `<resolution thread state>` (and its category, written by codec.ts).
 */
export const NS_THREAD = "http://purl.org/syndication/thread/1.0";

// Atom ids and XMPP URIs are short; anything longer is nobody's id.
const Reference = z
  .string()
  .min(1)
  .max(2048)
  .regex(/^[^\t\n\r]*$/);

/** Item ids as Pubforge and Libervia make them, bounded: a longer one names nothing cached. */
const ItemId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\t\n\r]*$/);

export const InReplyToSchema = z.object({ ref: Reference, href: Reference.optional() });
export type InReplyTo = z.infer<typeof InReplyToSchema>;

/** `<in-reply-to xmlns=thr ref="<parent's Atom id>" href="xmpp:<service>?;node=…;item=…"/>` */
export function inReplyToElement({ ref, href }: InReplyTo): Element {
  return xml("in-reply-to", { xmlns: NS_THREAD, ref, ...(href === undefined ? {} : { href }) });
}

/** The one `in-reply-to` of an entry, if it has exactly one that reads; else not a reply. */
export function inReplyToOf(entry: Element): InReplyTo | undefined {
  const marks = childElements(entry, "in-reply-to", NS_THREAD);
  if (marks.length !== 1) return undefined;
  const { ref, href } = marks[0]!.attrs as Record<string, unknown>;
  const parsed = InReplyToSchema.safeParse({ ref, href });
  return parsed.success ? parsed.data : undefined;
}

/**
 * The item of the comments node `at` that a reply answers: named by its `href` (else its
 * `ref`, Libervia's Atom ids being XMPP URIs too) when that URI points into the same node.
 * A reply to anything elsewhere is a plain comment here.
 */
export function repliedItemId(
  inReplyTo: InReplyTo,
  at: { service: string; node: string },
): string | undefined {
  for (const uri of [inReplyTo.href, inReplyTo.ref]) {
    const address = uri === undefined ? undefined : parseXmppUri(uri);
    if (!address) continue;
    const item = ItemId.safeParse(address.item);
    const here = address.jid === at.service && address.node === at.node;
    return here && item.success ? item.data : undefined;
  }
  return undefined;
}

export const RESOLUTION_STATES = ["resolved", "open"] as const;

/** Strict: a stray attribute makes the entry a plain comment rather than a guess. */
export const ResolutionSchema = z.strictObject({
  thread: ItemId,
  state: z.enum(RESOLUTION_STATES),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

/** The category term a resolution entry carries (scheme NS_PUBFORGE_REVIEW). */
export const RESOLUTION_TERM = "resolution";

/** `<resolution xmlns="urn:pubforge:review:0" thread="<root item id>" state="resolved|open"/>` */
export function resolutionElement({ thread, state }: Resolution): Element {
  return xml("resolution", { xmlns: NS_PUBFORGE_REVIEW, thread, state });
}

export function resolutionOfElement(element: Element): Resolution | undefined {
  if (element.getChildElements().length > 0 || element.getText().trim() !== "") return undefined;
  const attrs = Object.fromEntries(
    Object.entries(element.attrs).filter(([name]) => name !== "xmlns"),
  );
  const parsed = ResolutionSchema.safeParse(attrs);
  return parsed.success ? parsed.data : undefined;
}

/** What every Atom reader shows of a resolution entry. */
export function describeResolution({ state }: Pick<Resolution, "state">): string {
  return state === "resolved" ? "resolved this thread" : "reopened this thread";
}

/** The resolution a cached comment row records (its `resolution` column), if it is one. */
export function resolutionOfRecord(json: string | null): Resolution | undefined {
  if (json === null) return undefined;
  try {
    const parsed = ResolutionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
