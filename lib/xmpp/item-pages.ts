import xml, { type Element } from "@xmpp/xml";
import { describeStanzaError, XmppFailure } from "./errors";
import { type IqRequester, itemFromElement, NS_PUBSUB, type PubsubItem } from "./pubsub";
import { parseRsmReply, RsmError, rsmRequest } from "./rsm";

export const DEFAULT_PAGE_SIZE = 100;
/** 500 pages of 100: a node of 50,000 items. Past that the node is refused, not fetched forever. */
export const DEFAULT_MAX_PAGES = 500;

export interface PageOptions {
  pageSize?: number;
  maxPages?: number;
  timeoutMs?: number;
}

/**
 * The items of a node, page by page, oldest first as the service keeps them, so the first page
 * can be used while the rest is still on its way (XEP-0060 §6.5.4). Every first request carries
 * `<set><max/></set>`; whether the service pages is read from its reply, not from disco#info:
 * a reply with a `<set>` is a page (ejabberd 23.01 pages this way but lists no
 * `pubsub#rsm` feature with its default Mnesia storage), a reply without one is the whole node
 * (XEP-0059 §7: an entity without RSM ignores the `<set>`; Prosody 0.12 does). Refuses a
 * service that leads it in circles: a `<last>` it already sent, more than `maxPages` pages.
 */
export async function* itemPages(
  session: IqRequester,
  service: string,
  node: string,
  options: PageOptions = {},
): AsyncGenerator<PubsubItem[], void, undefined> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const seen = new Set<string>();
  let after: string | undefined;
  let received = 0;
  for (let page = 0; page < maxPages; page++) {
    const reply = await request(session, service, node, [rsmRequest(pageSize, after)], timeoutMs);
    const items = itemsOf(reply);
    const set = readSet(reply, node);
    if (items.length > 0) yield items;
    received += items.length;
    // No <set> (RSM ignored after all: everything came), an empty or short page, as many items
    // as the node holds, no last id to go on from: the end.
    if (!set || items.length < pageSize || set.last === undefined) return;
    if (set.count !== undefined && received >= set.count) return;
    if (set.last === after || seen.has(set.last)) {
      throw new XmppFailure("bad-payload", `${service} sent the same page of ${node} twice.`);
    }
    seen.add(set.last);
    after = set.last;
  }
  throw new XmppFailure(
    "bad-payload",
    `${node} on ${service} has more than ${maxPages * pageSize} items; Pubforge reads no further.`,
  );
}

/** Every item of a node, through itemPages: for callers that need the whole node at once. */
export async function getAllItems(
  session: IqRequester,
  service: string,
  node: string,
  options: PageOptions = {},
): Promise<PubsubItem[]> {
  const all: PubsubItem[] = [];
  for await (const page of itemPages(session, service, node, options)) all.push(...page);
  return all;
}

async function request(
  session: IqRequester,
  service: string,
  node: string,
  extra: Element[],
  timeoutMs: number,
): Promise<Element> {
  const iq = xml(
    "iq",
    { type: "get", to: service },
    xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node }), ...extra),
  );
  try {
    return await session.request(iq, timeoutMs);
  } catch (error) {
    throw describeStanzaError(error, `read ${node}`);
  }
}

function itemsOf(reply: Element): PubsubItem[] {
  const items = reply.getChild("pubsub", NS_PUBSUB)?.getChild("items")?.getChildren("item") ?? [];
  return items.map(itemFromElement);
}

function readSet(reply: Element, node: string) {
  try {
    return parseRsmReply(reply.getChild("pubsub", NS_PUBSUB));
  } catch (error) {
    throw new XmppFailure(
      "bad-payload",
      `The page of ${node} came with a broken RSM <set> (${(error as RsmError).message}).`,
      { cause: error },
    );
  }
}
