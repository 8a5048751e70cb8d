import xml, { type Element } from "@xmpp/xml";
import { NS_DATA_FORMS } from "../dataform";
import type { Affiliation } from "../pubsub";

// Test-only: the rules FakePubsub answers by, each as Prosody 0.12 has it (util/pubsub.lua,
// mod_pubsub/pubsub.lib.lua): who may do what with a node, and which configurations it takes.

export interface FakeNode {
  readonly config: Record<string, string>;
  readonly affiliations: Map<string, Affiliation>;
  /** Items by id, oldest first; each keeps the publisher the service vouches for. */
  readonly items: Map<string, Element>;
  /** JIDs (full or bare) notified of new and retracted items. */
  readonly subscribers: Set<string>;
}

export class StanzaError extends Error {
  override name = "StanzaError";
  constructor(
    readonly condition: string,
    readonly text = "",
  ) {
    super(text ? `${condition} - ${text}` : condition);
  }
}

/** Who asks (bare JID), and the service they ask. */
export interface Context {
  from: string;
  admins: Set<string>;
  nodes: Map<string, FakeNode>;
  service: string;
}

export function existing(c: Context, name: string): FakeNode {
  const node = c.nodes.get(name);
  if (!node) throw new StanzaError("item-not-found");
  return node;
}

/**
 * The asker's affiliation: server admins are owners everywhere. Prosody looks the asker's full
 * and bare JID up, nothing else: an affiliation given to a bare domain (`evil.test`) applies to
 * the server `evil.test` itself, never to its users.
 */
export function affiliationOf(c: Context, node: FakeNode): Affiliation {
  return c.admins.has(c.from) ? "owner" : (node.affiliations.get(c.from) ?? "none");
}

export function mayRead(node: FakeNode, affiliation: Affiliation): boolean {
  if (affiliation === "outcast") return false;
  if (node.config["pubsub#access_model"] === "open") return true;
  return ["owner", "publisher", "member"].includes(affiliation);
}

/**
 * Prosody's `service:publish`: affiliates who may publish, and then anyone at all on a node whose
 * publish model is open, even an outcast (whose own capabilities refuse publishing: the open
 * model is checked after them and lets him through).
 */
export function mayPublish(node: FakeNode, affiliation: Affiliation): boolean {
  return (
    ["owner", "publisher", "publish-only"].includes(affiliation) ||
    node.config["pubsub#publish_model"] === "open"
  );
}

/** Owners and publishers may read a node's configuration (`get_configuration`); owners change it. */
export function mayReadConfig(affiliation: Affiliation): boolean {
  return affiliation === "owner" || affiliation === "publisher";
}

/** The node configuration fields Pubforge sets; any other is refused as a real service would. */
const CONFIG_FIELDS = new Set([
  "pubsub#access_model",
  "pubsub#publish_model",
  "pubsub#persist_items",
  "pubsub#deliver_payloads",
  "pubsub#notify_retract",
  "pubsub#max_items",
  // Set at creation so ejabberd names each item's publisher (lib/forge/node-creation.ts);
  // Prosody 0.12 accepts it and keeps exposing the publisher its own way.
  "pubsub#itemreply",
]);
const ACCESS_MODELS = new Set(["open", "whitelist"]);
const PUBLISH_MODELS = new Set(["open", "publishers"]);

export const DEFAULT_CONFIG: Readonly<Record<string, string>> = {
  "pubsub#access_model": "open",
  "pubsub#publish_model": "publishers",
  "pubsub#max_items": "max",
};

/** `base` with a submitted form's fields (fields it leaves out keep their value, as Prosody's). */
export function configWith(
  base: Readonly<Record<string, string>>,
  form: Element | undefined,
): Record<string, string> {
  const config = { ...base };
  for (const [field, value] of formFields(form)) {
    if (field === "FORM_TYPE") continue;
    if (!CONFIG_FIELDS.has(field)) throw new StanzaError("not-acceptable", `unknown ${field}`);
    config[field] = value;
  }
  if (!ACCESS_MODELS.has(config["pubsub#access_model"]!)) throw new StanzaError("not-acceptable");
  if (!PUBLISH_MODELS.has(config["pubsub#publish_model"]!)) throw new StanzaError("not-acceptable");
  return config;
}

/** A node's configuration as the owner namespace's `<configure>` answers it. */
export function configResultForm(config: Readonly<Record<string, string>>): Element {
  return xml(
    "x",
    { xmlns: NS_DATA_FORMS, type: "form" },
    xml(
      "field",
      { var: "FORM_TYPE", type: "hidden" },
      xml("value", {}, "http://jabber.org/protocol/pubsub#node_config"),
    ),
    ...Object.entries(config).map(([name, value]) =>
      xml("field", { var: name }, xml("value", {}, value)),
    ),
  );
}

export function formFields(form: Element | undefined): [string, string][] {
  return (form?.getChildren("field") ?? []).map((field) => [
    String(field.attrs.var ?? ""),
    field
      .getChildren("value")
      .map((value) => value.text())
      .join("\n"),
  ]);
}
