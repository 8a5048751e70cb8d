import xml, { type Element } from "@xmpp/xml";
import { NS_DATA_FORMS, parseDataForm } from "./dataform";
import { describeStanzaError } from "./errors";
import { bareJid } from "./jid";

export const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
export const NS_PUBSUB_OWNER = "http://jabber.org/protocol/pubsub#owner";
const NODE_CONFIG_FORM = "http://jabber.org/protocol/pubsub#node_config";

/** What the pubsub functions need from a session: send an iq, get the reply or a StanzaError. */
export interface IqRequester {
  request(iq: Element, timeoutMs?: number): Promise<Element>;
}

export interface PubsubItem {
  id: string;
  publisher?: string;
  payload?: Element;
  /** The whole <item> element, verbatim, for the cache. */
  element: Element;
}

export type NodeConfig = Record<string, string | string[]>;

export type Affiliation = "owner" | "publisher" | "publish-only" | "member" | "none" | "outcast";

function configForm(formType: string, fields: NodeConfig): Element {
  return xml(
    "x",
    { xmlns: NS_DATA_FORMS, type: "submit" },
    xml("field", { var: "FORM_TYPE", type: "hidden" }, xml("value", {}, formType)),
    ...Object.entries(fields).map(([name, value]) =>
      xml(
        "field",
        { var: name },
        ...(Array.isArray(value) ? value : [value]).map((v) => xml("value", {}, v)),
      ),
    ),
  );
}

/** The iq every request here sends: `<pubsub>` (or pubsub#owner) around one request element. */
function pubsubIq(
  type: "get" | "set",
  service: string,
  children: Element[],
  namespace = NS_PUBSUB,
): Element {
  return xml("iq", { type, to: service }, xml("pubsub", { xmlns: namespace }, ...children));
}

async function call(session: IqRequester, iq: Element, what: string): Promise<Element> {
  try {
    return await session.request(iq);
  } catch (error) {
    throw describeStanzaError(error, what);
  }
}

export async function createNode(
  session: IqRequester,
  service: string,
  node: string,
  nodeConfig: NodeConfig = {},
): Promise<void> {
  const children: Element[] = [xml("create", { node })];
  if (Object.keys(nodeConfig).length > 0) {
    children.push(xml("configure", {}, configForm(NODE_CONFIG_FORM, nodeConfig)));
  }
  await call(session, pubsubIq("set", service, children), `create node ${node}`);
}

/** Publishes one item and returns the id the service kept (it may assign one). */
export async function publish(
  session: IqRequester,
  service: string,
  node: string,
  payload: Element,
  options: { id?: string; publishOptions?: NodeConfig } = {},
): Promise<string> {
  const item = xml("item", options.id ? { id: options.id } : {}, payload);
  const children: Element[] = [xml("publish", { node }, item)];
  if (options.publishOptions) {
    children.push(
      xml(
        "publish-options",
        {},
        configForm("http://jabber.org/protocol/pubsub#publish-options", options.publishOptions),
      ),
    );
  }
  const reply = await call(session, pubsubIq("set", service, children), `publish to ${node}`);
  const assigned = reply.getChild("pubsub", NS_PUBSUB)?.getChild("publish")?.getChild("item")
    ?.attrs.id;
  return (assigned as string | undefined) ?? options.id ?? "";
}

/**
 * One `<item>` read. The publisher is the bare JID: ejabberd names the publishing resource
 * (`bob@b.test/laptop`), Prosody the account; an account is what wrote it either way.
 */
export function itemFromElement(element: Element): PubsubItem {
  const publisher = element.attrs.publisher as string | undefined;
  return {
    id: String(element.attrs.id ?? ""),
    publisher: publisher === undefined ? undefined : bareJid(publisher) || undefined,
    payload: element.getChildElements()[0],
    element,
  };
}

/** All items of a node in one reply, or some by id (item-pages.ts pages where the service can). */
export async function getItems(
  session: IqRequester,
  service: string,
  node: string,
  options: { ids?: string[]; maxItems?: number; timeoutMs?: number } = {},
): Promise<PubsubItem[]> {
  const attrs: Record<string, string> = { node };
  if (options.maxItems) attrs.max_items = String(options.maxItems);
  const iq = pubsubIq("get", service, [
    xml("items", attrs, ...(options.ids ?? []).map((id) => xml("item", { id }))),
  ]);
  let reply: Element;
  try {
    reply = await session.request(iq, options.timeoutMs ?? 60_000);
  } catch (error) {
    throw describeStanzaError(error, `read ${node}`);
  }
  const items = reply.getChild("pubsub", NS_PUBSUB)?.getChild("items")?.getChildren("item") ?? [];
  return items.map(itemFromElement);
}

export async function retract(
  session: IqRequester,
  service: string,
  node: string,
  id: string,
): Promise<void> {
  await call(
    session,
    pubsubIq("set", service, [xml("retract", { node, notify: "true" }, xml("item", { id }))]),
    `delete item ${id}`,
  );
}

export async function subscribe(
  session: IqRequester,
  service: string,
  node: string,
  jid: string,
): Promise<void> {
  await call(
    session,
    pubsubIq("set", service, [xml("subscribe", { node, jid })]),
    `subscribe to ${node}`,
  );
}

export async function unsubscribe(
  session: IqRequester,
  service: string,
  node: string,
  jid: string,
): Promise<void> {
  await call(
    session,
    pubsubIq("set", service, [xml("unsubscribe", { node, jid })]),
    `unsubscribe from ${node}`,
  );
}

export async function setAffiliations(
  session: IqRequester,
  service: string,
  node: string,
  affiliations: Record<string, Affiliation>,
): Promise<void> {
  await call(
    session,
    pubsubIq(
      "set",
      service,
      [
        xml(
          "affiliations",
          { node },
          ...Object.entries(affiliations).map(([jid, affiliation]) =>
            xml("affiliation", { jid, affiliation }),
          ),
        ),
      ],
      NS_PUBSUB_OWNER,
    ),
    `change who may write to ${node}`,
  );
}

export async function getAffiliations(
  session: IqRequester,
  service: string,
  node: string,
): Promise<Record<string, Affiliation>> {
  const reply = await call(
    session,
    pubsubIq("get", service, [xml("affiliations", { node })], NS_PUBSUB_OWNER),
    `read who may write to ${node}`,
  );
  const entries =
    reply
      .getChild("pubsub", NS_PUBSUB_OWNER)
      ?.getChild("affiliations")
      ?.getChildren("affiliation") ?? [];
  return Object.fromEntries(
    entries.map((e) => [String(e.attrs.jid), String(e.attrs.affiliation) as Affiliation]),
  );
}

/** Changes some of a node's configuration (owners only); fields not named keep their value. */
export async function configureNode(
  session: IqRequester,
  service: string,
  node: string,
  nodeConfig: NodeConfig,
): Promise<void> {
  await call(
    session,
    pubsubIq(
      "set",
      service,
      [xml("configure", { node }, configForm(NODE_CONFIG_FORM, nodeConfig))],
      NS_PUBSUB_OWNER,
    ),
    `configure ${node}`,
  );
}

/**
 * A node's configuration, field by field (multi-valued fields joined by newlines). Prosody lets
 * owners and publishers read it, and nobody else.
 */
export async function getNodeConfig(
  session: IqRequester,
  service: string,
  node: string,
): Promise<Record<string, string>> {
  const reply = await call(
    session,
    pubsubIq("get", service, [xml("configure", { node })], NS_PUBSUB_OWNER),
    `read the configuration of ${node}`,
  );
  const form = reply.getChild("pubsub", NS_PUBSUB_OWNER)?.getChild("configure")?.getChild("x");
  if (!form) return {};
  return Object.fromEntries(
    parseDataForm(form)
      .fields.filter((field) => field.var)
      .map((field) => [field.var!, field.values.join("\n")]),
  );
}
