import xml, { type Element } from "@xmpp/xml";
import { NS_DATA_FORMS, NS_XML_ELEMENT } from "@/lib/xmpp/dataform";
import { NS_XHTML } from "@/lib/forge/markdown";
import { DEFAULT_TICKET_STATUS, TICKET_STATUSES } from "@/lib/forge/statuses";

export const TICKETS_FORM_TYPE = "org.salut-a-toi.tickets:0";
/** A hidden field Libervia puts in every ticket form and schema, always with the value "tickets". */
export const TICKETS_KIND_FIELD = "org.salut-a-toi.tickets#type:0";

export interface TicketOption {
  readonly value: string;
  readonly label: string;
}

// The values and labels of Libervia's schema; Libervia drops a list value that is not an
// option of the tracker's schema, so anything added here must also be published there.
export const TICKET_TYPES = [
  { value: "bug", label: "bug" },
  { value: "feature", label: "feature request" },
] as const satisfies readonly TicketOption[];

export const TICKET_PRIORITIES = [
  { value: "major", label: "major" },
  { value: "normal", label: "normal" },
  { value: "minor", label: "minor" },
] as const satisfies readonly TicketOption[];

export const DEFAULT_TICKET_TYPE = "bug";
export const DEFAULT_TICKET_PRIORITY = "normal";

/**
 * Every field of a ticket form, in the order Libervia writes them, then Pubforge's extras.
 * `body` has no type: Libervia writes it as an XML field without one.
 */
export const TICKET_FIELDS = [
  { var: "FORM_TYPE", type: "hidden" },
  { var: TICKETS_KIND_FIELD, type: "hidden" },
  { var: "title", type: "text-single" },
  { var: "author", type: "text-single" },
  { var: "created", type: "text-single" },
  { var: "updated", type: "text-single" },
  { var: "labels", type: "text-multi" },
  { var: "type", type: "list-single" },
  { var: "status", type: "list-single" },
  { var: "priority", type: "list-single" },
  { var: "body", type: undefined },
  { var: "comments_uri", type: "text-single" },
  { var: "assignees", type: "jid-multi" },
  { var: "milestone", type: "text-single" },
  { var: "body_markdown", type: "text-multi" },
  { var: "number", type: "text-single" },
  // Who filed the ticket: the item's publisher changes with every edit, this field does not.
  { var: "author_jid", type: "jid-single" },
] as const;

export type TicketFieldName = (typeof TICKET_FIELDS)[number]["var"];

export function ticketFieldType(name: TicketFieldName): string | undefined {
  return TICKET_FIELDS.find((field) => field.var === name)?.type;
}

const LISTS: Partial<
  Record<TicketFieldName, { options: readonly TicketOption[]; defaultValue: string }>
> = {
  type: { options: TICKET_TYPES, defaultValue: DEFAULT_TICKET_TYPE },
  // Libervia's schema labels each status by its value.
  status: {
    options: TICKET_STATUSES.map((value) => ({ value, label: value })),
    defaultValue: DEFAULT_TICKET_STATUS,
  },
  priority: { options: TICKET_PRIORITIES, defaultValue: DEFAULT_TICKET_PRIORITY },
};

const FIXED_VALUES: Partial<Record<TicketFieldName, string>> = {
  FORM_TYPE: TICKETS_FORM_TYPE,
  [TICKETS_KIND_FIELD]: "tickets",
};

/**
 * The XEP-0346 schema Pubforge publishes as item `current` of a project's
 * `fdp/template/org.salut-a-toi.tickets:0_<slug>` node: Libervia's own schema plus the extras.
 */
export function ticketsSchemaForm(): Element {
  return xml("x", { xmlns: NS_DATA_FORMS, type: "form" }, ...TICKET_FIELDS.map(schemaField));
}

function schemaField({ var: name, type }: (typeof TICKET_FIELDS)[number]): Element {
  const list = LISTS[name];
  const fixed = FIXED_VALUES[name];
  if (list) {
    return xml(
      "field",
      { type, var: name, label: name },
      xml("value", {}, list.defaultValue),
      ...list.options.map((option) =>
        xml("option", { label: option.label }, xml("value", {}, option.value)),
      ),
    );
  }
  if (fixed !== undefined) return xml("field", { type, var: name }, xml("value", {}, fixed));
  if (name === "body") {
    return xml(
      "field",
      { var: name },
      xml("wrapper", { xmlns: NS_XML_ELEMENT }, xml("div", { xmlns: NS_XHTML })),
    );
  }
  return xml("field", { type, var: name });
}
