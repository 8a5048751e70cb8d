import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";

/** XEP-0059 Result Set Management: the `<set>` a request carries and a reply describes. */
export const NS_RSM = "http://jabber.org/protocol/rsm";

/** Longer than any item id Pubforge or a sane server makes; a reply's ids past it are refused. */
const MAX_ID_LENGTH = 1_024;
const ID = z.string().min(1).max(MAX_ID_LENGTH);
const COUNT = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

const rsmReplySchema = z
  .object({
    first: ID.optional(),
    last: ID.optional(),
    count: COUNT.optional(),
  })
  .strict();

/** What a service said about the page it sent: its first and last item ids, the node's size. */
export type RsmReply = z.infer<typeof rsmReplySchema>;

export class RsmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RsmError";
  }
}

/** `<set><max>…</max><after>…</after></set>`: the next page of at most `max` items after `after`. */
export function rsmRequest(max: number, after?: string): Element {
  return xml(
    "set",
    { xmlns: NS_RSM },
    xml("max", {}, String(max)),
    ...(after === undefined ? [] : [xml("after", {}, after)]),
  );
}

/**
 * Reads the `<set>` of a reply in one pass over its children: `first`, `last` and `count`, each
 * at most once; other children (XEP-0059 allows none here) and repeats are refused, so a
 * hostile reply cannot make the pager guess. Undefined when the reply has no `<set>` (the
 * service ignored RSM). The number of children is bounded by the stanza size limit; each is
 * looked at once.
 */
export function parseRsmReply(container: Element | undefined): RsmReply | undefined {
  const set = container?.getChild("set", NS_RSM);
  if (!set) return undefined;
  const fields: Record<string, string> = {};
  for (const child of set.children) {
    if (typeof child === "string") {
      if (child.trim() !== "") throw new RsmError("text directly inside the RSM <set>");
      continue;
    }
    const { name } = child;
    if (name !== "first" && name !== "last" && name !== "count") {
      throw new RsmError(`unexpected <${name.slice(0, 40)}> in the RSM <set>`);
    }
    if (name in fields) throw new RsmError(`<${name}> twice in the RSM <set>`);
    fields[name] = child.getText();
  }
  const parsed = rsmReplySchema.safeParse(fields);
  if (!parsed.success) throw new RsmError(`malformed RSM <set>: ${parsed.error.issues[0]?.path}`);
  return parsed.data;
}
