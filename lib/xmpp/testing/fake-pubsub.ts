import { randomBytes } from "node:crypto";
import xml, { type Element } from "@xmpp/xml";
import { NS_DATA_FORMS } from "../dataform";
import { bareJid } from "../jid";
import { NS_PUBSUB, NS_PUBSUB_OWNER, type Affiliation } from "../pubsub";
import { NS_PUBSUB_EVENT } from "../pubsub-event";
import { XmppSession } from "../session";
import { cloneElement } from "../xml";
import { FakeClient } from "./fake-client";
import {
  affiliationOf,
  configResultForm,
  configWith,
  type Context,
  DEFAULT_CONFIG,
  existing,
  type FakeNode,
  formFields,
  mayPublish,
  mayRead,
  mayReadConfig,
  StanzaError,
} from "./fake-pubsub-rules";

export type { FakeNode };

// Test-only: pubsub services (XEP-0060) in memory, answering sessions the way Prosody's
// component does, and refusing what it would refuse, so that forge operations can be driven
// without a server. Anything it does not know how to answer is an error and is recorded in
// `unexpected`, so a test cannot pass by asking for something no service would do. Who may do
// what is in fake-pubsub-rules.ts.

const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";

export interface FakeServiceOptions {
  /** Server admins: only they may create nodes (Prosody), and they act as owners everywhere. */
  admins?: readonly string[];
}

export class FakePubsub {
  private readonly services = new Map<
    string,
    { admins: Set<string>; nodes: Map<string, FakeNode> }
  >();
  private readonly clients = new Set<FakeClient>();
  /** Services that do not answer (their server is away). */
  readonly unreachable = new Set<string>();
  /** Every iq asked, in order: who asked, and what. */
  readonly requests: { from: string; iq: Element }[] = [];
  /** Requests this fake could not make sense of (should stay empty). */
  readonly unexpected: string[] = [];

  constructor(services: Record<string, FakeServiceOptions>) {
    for (const [jid, options] of Object.entries(services)) {
      this.services.set(jid, { admins: new Set(options.admins ?? []), nodes: new Map() });
    }
  }

  /** A signed-in session of `jid` whose requests this fake answers. */
  session(jid: string): XmppSession {
    const client = new FakeClient();
    client.jid = `${jid}/pubforge-test`;
    client.answer = async (iq) => {
      await Promise.resolve(); // a reply never arrives synchronously
      return this.answer(client.jid, iq);
    };
    this.clients.add(client);
    return XmppSession.attach(client.asClient());
  }

  node(service: string, node: string): FakeNode | undefined {
    return this.services.get(service)?.nodes.get(node);
  }

  /** The node is gone (deleted by its owner, or never made on an older project). */
  removeNode(service: string, node: string): void {
    this.services.get(service)?.nodes.delete(node);
  }

  /** The payloads of a node's items, by id, oldest first. */
  payloads(service: string, node: string): Map<string, Element> {
    const items = [...(this.node(service, node)?.items ?? new Map<string, Element>()).entries()];
    return new Map(items.map(([id, item]) => [id, item.getChildElements()[0]!]));
  }

  /** Publishes as `jid` without going through a session (another client did it). */
  publishAs(jid: string, service: string, node: string, id: string, payload: Element): void {
    this.answer(
      jid,
      xml(
        "iq",
        { type: "set", to: service },
        xml("pubsub", { xmlns: NS_PUBSUB }, xml("publish", { node }, xml("item", { id }, payload))),
      ),
    );
  }

  private answer(from: string, iq: Element): Element {
    this.requests.push({ from, iq });
    const service = String(iq.attrs.to ?? "");
    const known = this.services.get(service);
    if (!known || this.unreachable.has(service)) throw new StanzaError("remote-server-not-found");
    const result = (...children: Element[]) =>
      xml("iq", { type: "result", from: service, id: iq.attrs.id }, ...children);
    const [request] = iq.getChildElements();
    const verb = request?.getChildElements()[0];
    const asking = `${iq.attrs.type} ${request?.getNS()} ${verb?.getName() ?? request?.getName()}`;
    const context = { from: bareJid(from), admins: known.admins, nodes: known.nodes, service };
    switch (asking) {
      case `get ${NS_DISCO_INFO} query`:
        return result(
          xml(
            "query",
            { xmlns: NS_DISCO_INFO },
            xml("identity", { category: "pubsub", type: "service" }),
          ),
        );
      case `set ${NS_PUBSUB} create`:
        this.create(context, verb!, request!.getChild("configure")?.getChild("x", NS_DATA_FORMS));
        return result();
      case `set ${NS_PUBSUB} publish`:
        return result(this.publish(context, verb!, request!.getChild("publish-options")));
      case `get ${NS_PUBSUB} items`:
        return result(this.items(context, verb!));
      case `set ${NS_PUBSUB} retract`:
        this.retract(context, verb!);
        return result();
      case `set ${NS_PUBSUB} subscribe`:
        this.subscribe(context, verb!, from);
        return result();
      case `set ${NS_PUBSUB} unsubscribe`:
        this.unsubscribe(context, verb!);
        return result();
      case `get ${NS_PUBSUB_OWNER} affiliations`:
        return result(this.affiliations(context, verb!));
      case `set ${NS_PUBSUB_OWNER} affiliations`:
        this.setAffiliations(context, verb!);
        return result();
      case `get ${NS_PUBSUB_OWNER} configure`:
        return result(this.configuration(context, verb!));
      case `set ${NS_PUBSUB_OWNER} configure`:
        this.configure(context, verb!);
        return result();
    }
    this.unexpected.push(`${asking}: ${iq.toString()}`);
    throw new StanzaError("feature-not-implemented", `the fake service does not do ${asking}`);
  }

  private create(c: Context, create: Element, form: Element | undefined): void {
    if (!c.admins.has(c.from)) throw new StanzaError("forbidden");
    const name = String(create.attrs.node ?? "");
    if (!name) throw new StanzaError("not-acceptable", "instant nodes are not offered");
    if (c.nodes.has(name)) throw new StanzaError("conflict");
    const config = configWith(DEFAULT_CONFIG, form);
    c.nodes.set(name, {
      config,
      affiliations: new Map([[c.from, "owner"]]),
      items: new Map(),
      subscribers: new Set(),
    });
  }

  private publish(c: Context, publish: Element, options: Element | undefined): Element {
    const name = String(publish.attrs.node ?? "");
    const node = existing(c, name);
    // An open publish model lets anyone publish, even someone a whitelist keeps from reading.
    if (!mayPublish(node, affiliationOf(c, node))) throw new StanzaError("forbidden");
    for (const [field, value] of formFields(options?.getChild("x", NS_DATA_FORMS))) {
      if (field !== "FORM_TYPE" && node.config[field] !== value) {
        throw new StanzaError("conflict", "precondition-not-met");
      }
    }
    const items = publish.getChildren("item");
    const payload = items[0]?.getChildElements()[0];
    if (items.length !== 1 || !payload)
      throw new StanzaError("bad-request", "one item, with a payload");
    const id = String(items[0]!.attrs.id ?? randomBytes(8).toString("hex"));
    const stored = xml("item", { id, publisher: c.from }, cloneElement(payload));
    node.items.delete(id); // a republished item becomes the newest
    node.items.set(id, stored);
    const max = node.config["pubsub#max_items"];
    if (max && max !== "max") {
      for (const old of [...node.items.keys()].slice(
        0,
        Math.max(0, node.items.size - Number(max)),
      )) {
        node.items.delete(old);
      }
    }
    this.notify(c.service, name, node, cloneElement(stored));
    return xml("pubsub", { xmlns: NS_PUBSUB }, xml("publish", { node: name }, xml("item", { id })));
  }

  private items(c: Context, request: Element): Element {
    const name = String(request.attrs.node ?? "");
    const node = existing(c, name);
    if (!mayRead(node, affiliationOf(c, node))) throw new StanzaError("forbidden");
    const ids = request.getChildren("item").map((item) => String(item.attrs.id));
    let items = [...node.items.values()];
    if (ids.length > 0) items = items.filter((item) => ids.includes(String(item.attrs.id)));
    const max = Number(request.attrs.max_items ?? 0);
    if (max > 0) items = items.slice(-max);
    return xml(
      "pubsub",
      { xmlns: NS_PUBSUB },
      xml("items", { node: name }, ...items.map(cloneElement)),
    );
  }

  private retract(c: Context, retract: Element): void {
    const name = String(retract.attrs.node ?? "");
    const node = existing(c, name);
    const id = String(retract.getChild("item")?.attrs.id ?? "");
    const item = node.items.get(id);
    if (!item) throw new StanzaError("item-not-found");
    // Prosody lets publishers and owners retract, and nobody else, not even an item's author.
    if (!["owner", "publisher"].includes(affiliationOf(c, node)))
      throw new StanzaError("forbidden");
    node.items.delete(id);
    this.notify(c.service, name, node, xml("retract", { id }));
  }

  private subscribe(c: Context, subscribe: Element, from: string): void {
    const node = existing(c, String(subscribe.attrs.node ?? ""));
    const jid = String(subscribe.attrs.jid ?? "");
    if (bareJid(jid) !== c.from) throw new StanzaError("bad-request", "invalid-jid");
    if (!mayRead(node, affiliationOf(c, node))) throw new StanzaError("forbidden");
    node.subscribers.add(jid === from ? from : jid);
  }

  private unsubscribe(c: Context, unsubscribe: Element): void {
    const node = existing(c, String(unsubscribe.attrs.node ?? ""));
    const jid = String(unsubscribe.attrs.jid ?? "");
    if (bareJid(jid) !== c.from) throw new StanzaError("bad-request", "invalid-jid");
    // XEP-0060 §6.2.3.2: not subscribed is an unexpected request.
    if (!node.subscribers.delete(jid))
      throw new StanzaError("unexpected-request", "not-subscribed");
  }

  private affiliations(c: Context, request: Element): Element {
    const name = String(request.attrs.node ?? "");
    const node = existing(c, name);
    if (affiliationOf(c, node) !== "owner") throw new StanzaError("forbidden");
    const entries = [...node.affiliations].map(([jid, affiliation]) =>
      xml("affiliation", { jid, affiliation }),
    );
    return xml(
      "pubsub",
      { xmlns: NS_PUBSUB_OWNER },
      xml("affiliations", { node: name }, ...entries),
    );
  }

  private setAffiliations(c: Context, request: Element): void {
    const node = existing(c, String(request.attrs.node ?? ""));
    if (affiliationOf(c, node) !== "owner") throw new StanzaError("forbidden");
    for (const entry of request.getChildren("affiliation")) {
      const jid = bareJid(String(entry.attrs.jid ?? ""));
      const affiliation = String(entry.attrs.affiliation ?? "") as Affiliation;
      if (
        !["owner", "publisher", "publish-only", "member", "none", "outcast"].includes(affiliation)
      )
        throw new StanzaError("bad-request");
      if (affiliation === "none") node.affiliations.delete(jid);
      else node.affiliations.set(jid, affiliation);
    }
  }

  private configuration(c: Context, request: Element): Element {
    const name = String(request.attrs.node ?? "");
    const node = existing(c, name);
    if (!mayReadConfig(affiliationOf(c, node))) throw new StanzaError("forbidden");
    return xml(
      "pubsub",
      { xmlns: NS_PUBSUB_OWNER },
      xml("configure", { node: name }, configResultForm(node.config)),
    );
  }

  private configure(c: Context, request: Element): void {
    const node = existing(c, String(request.attrs.node ?? ""));
    if (affiliationOf(c, node) !== "owner") throw new StanzaError("forbidden");
    const form = request.getChild("x", NS_DATA_FORMS);
    if (!form) throw new StanzaError("bad-request", "Missing dataform");
    Object.assign(node.config, configWith(node.config, form));
  }

  /** Sends an event to each subscriber's session, after the reply (as a server would). */
  private notify(service: string, name: string, node: FakeNode, child: Element): void {
    if (child.getName() === "retract" && node.config["pubsub#notify_retract"] !== "1") return;
    for (const client of this.clients) {
      const full = String(client.jid);
      if (!node.subscribers.has(full) && !node.subscribers.has(bareJid(full))) continue;
      const message = xml(
        "message",
        { from: service, to: full },
        xml("event", { xmlns: NS_PUBSUB_EVENT }, xml("items", { node: name }, cloneElement(child))),
      );
      setImmediate(() => client.emit("stanza", message));
    }
  }
}
