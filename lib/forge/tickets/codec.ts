import xml, { type Element } from "@xmpp/xml";
import {
  type DataForm,
  findField,
  getValue,
  getValues,
  joinTextMulti,
  NS_DATA_FORMS,
  parseDataForm,
  serializeDataForm,
  setField,
  textMultiValues,
} from "@/lib/xmpp/dataform";
import {
  bareJidValue,
  bodyValue,
  dateValue,
  decodeTypedForm,
  distinctNonEmpty,
  type FormBody,
  textValue,
} from "@/lib/forge/items/form-values";
import { parseItemNumber } from "@/lib/forge/items/number";
import { markdownToXhtmlElement } from "@/lib/forge/markdown";
import { DEFAULT_TICKET_STATUS, type TicketStatus } from "@/lib/forge/statuses";
import {
  DEFAULT_TICKET_PRIORITY,
  DEFAULT_TICKET_TYPE,
  TICKET_FIELDS,
  type TICKET_PRIORITIES,
  type TICKET_TYPES,
  type TicketFieldName,
  ticketFieldType,
  TICKETS_FORM_TYPE,
  TICKETS_KIND_FIELD,
} from "./schema";

// Values other clients use (d2's "wontfix") are kept as they are, not dropped or coerced.
export type TicketType = (typeof TICKET_TYPES)[number]["value"] | (string & {});
export type TicketPriority = (typeof TICKET_PRIORITIES)[number]["value"] | (string & {});

export interface Ticket {
  readonly title: string;
  /** Display name only. */
  readonly author: string | undefined;
  /**
   * Who filed the ticket (Pubforge's `author_jid`), as the item claims it. The publisher the
   * service reports is whoever published this version: the last editor.
   */
  readonly authorJid: string | undefined;
  readonly created: string | undefined;
  readonly updated: string | undefined;
  readonly labels: readonly string[];
  readonly type: TicketType;
  readonly status: TicketStatus;
  readonly priority: TicketPriority;
  /** Unsanitised, as received: render through sanitizeXhtml. */
  readonly body: FormBody | undefined;
  /** Pubforge's markdown source of `body`, if Pubforge wrote it. */
  readonly bodyMarkdown: string | undefined;
  readonly commentsUri: string | undefined;
  readonly assignees: readonly string[];
  readonly milestone: string | undefined;
  /** The short number (#12) Pubforge gave it; none when another client published it. */
  readonly number: number | undefined;
  /** The form as received, so an edit republishes every field it does not change as it came. */
  readonly form: DataForm;
}

export type TicketDecoding = { ok: true; ticket: Ticket } | { ok: false; reason: string };

// Libervia's single assignee; other clients write it, Pubforge reads it and keeps it in step.
const SINGLE_ASSIGNEE_FIELD = "assignee";

/** Reads a ticket from a pubsub `<item>` or from its `<x xmlns="jabber:x:data">` payload. */
export function decodeTicket(element: Element): TicketDecoding {
  const decoded = decodeTypedForm(element, TICKETS_FORM_TYPE, "ticket");
  return decoded.ok ? { ok: true, ticket: ticketOfForm(decoded.form) } : decoded;
}

function ticketOfForm(form: DataForm): Ticket {
  const markdown = findField(form, "body_markdown");
  return {
    title: getValue(form, "title") ?? "",
    author: textValue(form, "author"),
    authorJid: bareJidValue(form, "author_jid"),
    created: dateValue(form, "created"),
    updated: dateValue(form, "updated"),
    labels: distinctNonEmpty(getValues(form, "labels")),
    type: textValue(form, "type") ?? DEFAULT_TICKET_TYPE,
    status: textValue(form, "status") ?? DEFAULT_TICKET_STATUS,
    priority: textValue(form, "priority") ?? DEFAULT_TICKET_PRIORITY,
    body: bodyValue(form, "body"),
    bodyMarkdown: markdown && joinTextMulti(markdown.values),
    commentsUri: textValue(form, "comments_uri"),
    assignees: distinctNonEmpty([
      ...getValues(form, "assignees"),
      ...getValues(form, SINGLE_ASSIGNEE_FIELD),
    ]),
    milestone: textValue(form, "milestone"),
    number: parseItemNumber(getValue(form, "number")),
    form,
  };
}

export interface TicketChanges {
  readonly title?: string;
  readonly labels?: readonly string[];
  readonly type?: TicketType;
  readonly status?: TicketStatus;
  readonly priority?: TicketPriority;
  /** Replaces both the XHTML `body` Libervia shows and its markdown source. */
  readonly bodyMarkdown?: string;
  readonly commentsUri?: string;
  readonly assignees?: readonly string[];
  readonly milestone?: string;
  /** Only when its creator renumbers it after a race (items/numbering.ts). */
  readonly number?: number;
  /** Every edit is dated, as Libervia does. */
  readonly updated: string;
}

/**
 * The form to republish after an edit: only the changed fields are rewritten; every other
 * field, including ones Pubforge does not know, goes back exactly as it was received (unlike
 * Libervia's own update, which loses the body and extra fields).
 */
export function encodeTicket(ticket: Ticket, changes: TicketChanges): Element {
  let form = ticket.form;
  for (const [name, change] of fieldChanges(changes)) {
    form = setField(form, name, { type: ticketFieldType(name), ...change });
  }
  if (changes.assignees !== undefined && findField(form, SINGLE_ASSIGNEE_FIELD)) {
    form = setField(form, SINGLE_ASSIGNEE_FIELD, {
      values: distinctNonEmpty(changes.assignees).slice(0, 1),
    });
  }
  return serializeDataForm(form);
}

type FieldValue = { values: readonly string[] } | { xml: Element };

function fieldChanges(changes: TicketChanges): [TicketFieldName, FieldValue][] {
  const ifGiven = <T>(value: T | undefined, toField: (given: T) => FieldValue) =>
    value === undefined ? undefined : toField(value);
  const single = (value: string): FieldValue => ({ values: value === "" ? [] : [value] });
  const list = (values: readonly string[]): FieldValue => ({ values: distinctNonEmpty(values) });
  const entries: [TicketFieldName, FieldValue | undefined][] = [
    ["title", ifGiven(changes.title, (title) => ({ values: [title] }))],
    ["updated", single(changes.updated)],
    ["labels", ifGiven(changes.labels, list)],
    ["type", ifGiven(changes.type, single)],
    ["status", ifGiven(changes.status, single)],
    ["priority", ifGiven(changes.priority, single)],
    ["body", ifGiven(changes.bodyMarkdown, (md) => ({ xml: markdownToXhtmlElement(md) }))],
    ["body_markdown", ifGiven(changes.bodyMarkdown, (md) => ({ values: textMultiValues(md) }))],
    ["comments_uri", ifGiven(changes.commentsUri, single)],
    ["assignees", ifGiven(changes.assignees, list)],
    ["milestone", ifGiven(changes.milestone, single)],
    ["number", ifGiven(changes.number, (number) => single(String(number)))],
  ];
  return entries.filter((entry): entry is [TicketFieldName, FieldValue] => entry[1] !== undefined);
}

export interface NewTicket {
  readonly title: string;
  readonly author: string;
  /** The bare JID of whoever files it. */
  readonly authorJid: string;
  /** ISO 8601; also the first `updated`. */
  readonly created: string;
  readonly labels?: readonly string[];
  readonly type?: TicketType;
  readonly status?: TicketStatus;
  readonly priority?: TicketPriority;
  readonly bodyMarkdown?: string;
  /** The XMPP URI of the comments node, created before the ticket as Libervia does. */
  readonly commentsUri: string;
  readonly assignees?: readonly string[];
  readonly milestone?: string;
  /** Its short number (items/numbering.ts); test corpora may leave it out. */
  readonly number?: number;
}

/** The form of a new ticket: Libervia's fields, types and order, then Pubforge's extras. */
export function newTicketForm(ticket: NewTicket): Element {
  const markdown = ticket.bodyMarkdown ?? "";
  const values: Record<TicketFieldName, FieldValue> = {
    FORM_TYPE: { values: [TICKETS_FORM_TYPE] },
    [TICKETS_KIND_FIELD]: { values: ["tickets"] },
    title: { values: [ticket.title] },
    author: { values: [ticket.author] },
    created: { values: [ticket.created] },
    updated: { values: [ticket.created] },
    labels: { values: distinctNonEmpty(ticket.labels ?? []) },
    type: { values: [ticket.type ?? DEFAULT_TICKET_TYPE] },
    status: { values: [ticket.status ?? DEFAULT_TICKET_STATUS] },
    priority: { values: [ticket.priority ?? DEFAULT_TICKET_PRIORITY] },
    body: { xml: markdownToXhtmlElement(markdown) },
    comments_uri: { values: [ticket.commentsUri] },
    assignees: { values: distinctNonEmpty(ticket.assignees ?? []) },
    milestone: { values: ticket.milestone ? [ticket.milestone] : [] },
    body_markdown: { values: textMultiValues(markdown) },
    number: { values: ticket.number === undefined ? [] : [String(ticket.number)] },
    author_jid: { values: [ticket.authorJid] },
  };
  const empty = parseDataForm(xml("x", { xmlns: NS_DATA_FORMS, type: "submit" }));
  const form = TICKET_FIELDS.reduce(
    (built, field) => setField(built, field.var, { type: field.type, ...values[field.var] }),
    empty,
  );
  return serializeDataForm(form);
}
