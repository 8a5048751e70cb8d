import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import type { Ticket } from "@/lib/forge/tickets/codec";
import { childElements, xmlSafeText } from "@/lib/xmpp/xml";

/**
 * Timeline events: a change to a ticket (its status, labels, assignees…) recorded by the editor
 * as an entry of the ticket's XEP-0277 comments node. Libervia shows the entry's text as an
 * ordinary comment; Pubforge reads this namespace's element and shows a compact event.
 */
export const NS_PUBFORGE_EVENT = "urn:pubforge:event:0";

export const EVENT_FIELDS = [
  "title",
  "status",
  "type",
  "priority",
  "labels",
  "assignees",
  "milestone",
  // A merge request's requested reviewers (merge-requests/reviewers.ts).
  "reviewers",
] as const;

const EventValues = z.array(z.string().max(300)).max(50);

/** Foreign input is hostile: anything but these fields, strictly, is a plain comment. */
export const TimelineEventSchema = z.strictObject({
  field: z.enum(EVENT_FIELDS),
  from: EventValues,
  to: EventValues,
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** The changes between two versions of a ticket, one event per field, in the form's order. */
export function ticketEvents(before: Ticket, after: Ticket): TimelineEvent[] {
  const single = (value: string | undefined) => (value ? [value] : []);
  const values: Record<TimelineEvent["field"], (ticket: Ticket) => readonly string[]> = {
    title: (ticket) => single(ticket.title),
    status: (ticket) => single(ticket.status),
    type: (ticket) => single(ticket.type),
    priority: (ticket) => single(ticket.priority),
    labels: (ticket) => ticket.labels,
    assignees: (ticket) => ticket.assignees,
    milestone: (ticket) => single(ticket.milestone),
    reviewers: () => [],
  };
  return EVENT_FIELDS.flatMap((field) => {
    const from = [...values[field](before)];
    const to = [...values[field](after)];
    return sameValues(field, from, to) ? [] : [{ field, from, to }];
  });
}

function sameValues(field: TimelineEvent["field"], from: string[], to: string[]): boolean {
  // A list's order is not a change; a single value's is its value.
  const key = (values: string[]) =>
    JSON.stringify(isListField(field) ? [...values].sort() : values);
  return key(from) === key(to);
}

const isListField = (field: TimelineEvent["field"]) =>
  field === "labels" || field === "assignees" || field === "reviewers";

const LIST_VERBS: Record<
  "labels" | "assignees" | "reviewers",
  (added: string[], removed: string[]) => [string, string]
> = {
  labels: (added, removed) => [
    `added ${plural("label", added)} `,
    `removed ${plural("label", removed)} `,
  ],
  assignees: () => ["assigned ", "unassigned "],
  reviewers: () => ["requested review from ", "withdrew the review request to "],
};

/**
 * What the event says, without who did it: "changed status open → review", "added label perf".
 * `label` names a value as the reader knows it (Pubforge shows status `queued` as "open").
 */
export function describeEvent(
  event: TimelineEvent,
  label: (field: TimelineEvent["field"], value: string) => string = (_, value) => value,
): string {
  const named = (values: string[]) => values.map((value) => label(event.field, value)).join(", ");
  if (isListField(event.field)) {
    const added = event.to.filter((value) => !event.from.includes(value));
    const removed = event.from.filter((value) => !event.to.includes(value));
    const [add, remove] = LIST_VERBS[event.field as keyof typeof LIST_VERBS](added, removed);
    const parts = [
      ...(added.length ? [add + named(added)] : []),
      ...(removed.length ? [remove + named(removed)] : []),
    ];
    return parts.length ? parts.join(" and ") : `reordered ${event.field}`;
  }
  const what = event.field === "title" ? "the title" : event.field;
  if (event.to.length === 0) return `cleared ${what} (was ${named(event.from)})`;
  if (event.from.length === 0) return `set ${what} to ${named(event.to)}`;
  return `changed ${what} ${named(event.from)} → ${named(event.to)}`;
}

const plural = (word: string, values: string[]) => (values.length === 1 ? word : `${word}s`);

/** `<event xmlns="urn:pubforge:event:0" field="…"><from>…</from><to>…</to></event>` */
export function eventElement(event: TimelineEvent): Element {
  return xml(
    "event",
    { xmlns: NS_PUBFORGE_EVENT, field: event.field },
    ...event.from.map((value) => xml("from", {}, xmlSafeText(value))),
    ...event.to.map((value) => xml("to", {}, xmlSafeText(value))),
  );
}

/** The event an element records, or undefined when it is not exactly one Pubforge writes. */
export function eventOfElement(element: Element): TimelineEvent | undefined {
  const attrs = Object.fromEntries(
    Object.entries(element.attrs).filter(([name]) => name !== "xmlns"),
  );
  const children = element.getChildElements();
  const known =
    childElements(element, "from", NS_PUBFORGE_EVENT).length +
    childElements(element, "to", NS_PUBFORGE_EVENT).length;
  if (known !== children.length || children.some((child) => child.getChildElements().length)) {
    return undefined;
  }
  // Attributes last: a `from` or `to` attribute replaces the lists and fails the schema.
  const parsed = TimelineEventSchema.safeParse({
    from: childElements(element, "from", NS_PUBFORGE_EVENT).map((child) => child.getText()),
    to: childElements(element, "to", NS_PUBFORGE_EVENT).map((child) => child.getText()),
    ...attrs,
  });
  return parsed.success ? parsed.data : undefined;
}

/** The event a cached comment row records (its `event` column), if it is one. */
export function timelineEventOfRecord(json: string | null): TimelineEvent | undefined {
  if (json === null) return undefined;
  try {
    const parsed = TimelineEventSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
