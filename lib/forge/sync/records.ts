import { formatXmppUri, parseXmppUri } from "@/lib/xmpp/xmpp-uri";

/** Cache ids name where an item lives: service, node and item id. */
export function itemKey(service: string, node: string, itemId: string): string {
  return `${service}/${node}/${itemId}`;
}

/** One spelling per node, whatever percent-encoding the writer chose. */
export function normalizeNodeUri(uri: string | undefined): string {
  const address = uri ? parseXmppUri(uri) : undefined;
  return address?.node ? formatXmppUri({ jid: address.jid, node: address.node }) : "";
}
