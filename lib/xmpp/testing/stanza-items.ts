import type { Element } from "@xmpp/xml";
import { NS_PUBSUB } from "../pubsub";
import { NS_PUBSUB_EVENT } from "../pubsub-event";
import { attr, childElements } from "../xml";

// Test-only: reads the items of captured stanzas (Libervia's fixtures) the way a service would.

export interface StanzaItem {
  /** Absent only in a publish request that lets the service pick the id. */
  readonly id: string | undefined;
  /** The JID the service vouches for (`expose_publisher`); who really wrote the item. */
  readonly publisher: string | undefined;
  /** Absent in notifications of nodes configured without payloads. */
  readonly payload: Element | undefined;
}

export function readPubsubItem(item: Element): StanzaItem {
  return {
    id: attr(item, "id"),
    publisher: attr(item, "publisher"),
    payload: item.getChildElements()[0],
  };
}

export interface NodeItems {
  readonly node: string;
  readonly items: readonly Element[];
}

/**
 * The `<item>`s a stanza carries, per node: an iq result (`pubsub/items`), a publish
 * (`pubsub/publish`) or an event notification (`event/items`).
 */
export function itemsOfStanza(stanza: Element): NodeItems[] {
  const groups = [
    ...childElements(stanza, "pubsub", NS_PUBSUB).flatMap((pubsub) => [
      ...childElements(pubsub, "items", NS_PUBSUB),
      ...childElements(pubsub, "publish", NS_PUBSUB),
    ]),
    ...childElements(stanza, "event", NS_PUBSUB_EVENT).flatMap((event) =>
      childElements(event, "items", NS_PUBSUB_EVENT),
    ),
  ];
  return groups.map((group) => ({
    node: attr(group, "node") ?? "",
    items: group.getChildElements().filter((child) => child.getName() === "item"),
  }));
}
