import type { Element } from "@xmpp/xml";
import { itemFromElement, type PubsubItem } from "./pubsub";

export const NS_PUBSUB_EVENT = "http://jabber.org/protocol/pubsub#event";

/** One pubsub notification (XEP-0060 §7.1.2, §7.2.2, §8.4, §8.5), as the service sent it. */
export type PubsubEvent =
  | { kind: "items"; service: string; node: string; items: PubsubItem[] }
  | { kind: "retract"; service: string; node: string; ids: string[] }
  | { kind: "purge"; service: string; node: string }
  | { kind: "delete"; service: string; node: string };

/** Reads a <message> stanza; returns [] when it carries no pubsub event. */
export function parsePubsubEvents(message: Element): PubsubEvent[] {
  if (!message.is("message")) return [];
  const event = message.getChild("event", NS_PUBSUB_EVENT);
  if (!event) return [];
  const service = String(message.attrs.from ?? "");
  const out: PubsubEvent[] = [];
  for (const child of event.getChildElements()) {
    const node = String(child.attrs.node ?? "");
    if (!node) continue;
    if (child.is("items")) {
      const items = child.getChildren("item").map(itemFromElement);
      const ids = child.getChildren("retract").map((r) => String(r.attrs.id ?? ""));
      if (items.length) out.push({ kind: "items", service, node, items });
      if (ids.length) out.push({ kind: "retract", service, node, ids });
    } else if (child.is("purge")) {
      out.push({ kind: "purge", service, node });
    } else if (child.is("delete")) {
      out.push({ kind: "delete", service, node });
    }
  }
  return out;
}
