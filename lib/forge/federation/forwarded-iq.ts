import type { Element } from "@xmpp/xml";
import { z } from "zod";
import { XmppFailure } from "@/lib/xmpp/errors";
import { NS_PUBSUB, NS_PUBSUB_OWNER } from "@/lib/xmpp/pubsub";
import { parseXml } from "@/lib/xmpp/xml";
import { xmlString } from "@/lib/xmpp/xml-string";

/*
 * What passes between a process without the instance lock and the holder performing its
 * requests (instance-forwarding.ts): the iq asked for, and the outcome written back. Both come
 * out of a shared table, which another version of Pubforge, or anyone with the database's
 * password, may have written: each is checked here before anything acts on it.
 */

const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";

/** The requests callers make of the instance: pubsub, pubsub#owner and disco#info. No more. */
const FORWARDABLE_PAYLOADS: Record<string, string> = {
  [NS_PUBSUB]: "pubsub",
  [NS_PUBSUB_OWNER]: "pubsub",
  [NS_DISCO_INFO]: "query",
};

/** A publish of a big item, with room to spare; a reply may be a whole node (below). */
export const MAX_REQUEST_CHARS = 2_000_000;
const MAX_REPLY_CHARS = 50_000_000;
const MAX_TEXT_CHARS = 2_000;

/**
 * The iq to perform, or why it is refused: an `<iq type="get|set">` to someone, whose one child
 * is a request of a namespace the instance is asked about. Its `id` and `from` are dropped: the
 * holder's session sets its own.
 */
export function forwardableIq(text: string): Element | string {
  if (text.length > MAX_REQUEST_CHARS) return "too large";
  let iq: Element;
  try {
    iq = parseXml(text);
  } catch {
    return "not well-formed";
  }
  const type = iq.attrs.type as unknown;
  if (iq.name !== "iq" || (type !== "get" && type !== "set")) return "not an iq get or set";
  if (typeof iq.attrs.to !== "string" || iq.attrs.to === "") return "addressed to nobody";
  const children = iq.getChildElements();
  const payload = children[0];
  const ns = payload?.attrs.xmlns as unknown;
  if (children.length !== 1 || typeof ns !== "string" || FORWARDABLE_PAYLOADS[ns] !== payload!.name)
    return "not a pubsub or disco#info request";
  delete iq.attrs.id;
  delete iq.attrs.from;
  return iq;
}

const failureKinds = [
  "not-authorized",
  "unknown-domain",
  "refused-address",
  "insecure",
  "unreachable",
  "timeout",
  "forbidden",
  "item-not-found",
  "conflict",
  "disconnected",
  "bad-payload",
  "other",
] as const satisfies readonly XmppFailure["kind"][];

const outcomeSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("result"), iq: z.string().max(MAX_REPLY_CHARS) }),
  z.object({
    outcome: z.literal("stanza-error"),
    condition: z.string().regex(/^[a-z-]{1,64}$/),
    text: z.string().max(MAX_TEXT_CHARS),
  }),
  z.object({ outcome: z.literal("timeout") }),
  z.object({
    outcome: z.literal("failure"),
    kind: z.enum(failureKinds),
    message: z.string().max(MAX_TEXT_CHARS),
  }),
]);

export type ForwardedOutcome = z.infer<typeof outcomeSchema>;

/** The holder's side: what its session answered, or how the request failed, as a row holds it. */
export function outcomeOf(settled: PromiseSettledResult<Element>): ForwardedOutcome {
  if (settled.status === "fulfilled") return { outcome: "result", iq: xmlString(settled.value) };
  const error = settled.reason as { name?: string; condition?: unknown; text?: unknown };
  if (error instanceof XmppFailure) {
    return {
      outcome: "failure",
      kind: error.kind,
      message: error.message.slice(0, MAX_TEXT_CHARS),
    };
  }
  if (error?.name === "StanzaError" && typeof error.condition === "string") {
    return {
      outcome: "stanza-error",
      condition: error.condition,
      text: typeof error.text === "string" ? error.text.slice(0, MAX_TEXT_CHARS) : "",
    };
  }
  if (error?.name === "TimeoutError") return { outcome: "timeout" };
  return { outcome: "failure", kind: "other", message: "the instance's request failed" };
}

/** A stanza error as @xmpp/iq throws it: what lib/xmpp/errors.ts reads (name, condition, text). */
class ForwardedStanzaError extends Error {
  constructor(
    readonly condition: string,
    readonly text: string,
  ) {
    super(condition + (text ? ` - ${text}` : ""));
    this.name = "StanzaError";
  }
}

/**
 * The requester's side: the reply a row holds, as the instance session would have given it
 * (an `<iq type="result">`), or thrown as it would have thrown it. A row that is not one of
 * these is refused like an instance that did not answer.
 */
export function settleOutcome(text: string | null | undefined): Element {
  let outcome: ForwardedOutcome;
  try {
    outcome = outcomeSchema.parse(JSON.parse(text ?? ""));
  } catch {
    throw malformed();
  }
  switch (outcome.outcome) {
    case "result": {
      let iq: Element;
      try {
        iq = parseXml(outcome.iq);
      } catch {
        throw malformed();
      }
      if (iq.name !== "iq" || iq.attrs.type !== "result") throw malformed();
      return iq;
    }
    case "stanza-error":
      throw new ForwardedStanzaError(outcome.condition, outcome.text);
    case "timeout":
      throw Object.assign(new Error("timeout"), { name: "TimeoutError" });
    case "failure":
      throw new XmppFailure(outcome.kind, outcome.message);
  }
}

function malformed(): XmppFailure {
  return new XmppFailure("other", "The instance's reply could not be read.");
}
