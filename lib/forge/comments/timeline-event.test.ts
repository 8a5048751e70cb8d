import { describe, expect, it } from "vitest";
import { decodeTicket, encodeTicket, newTicketForm, type Ticket } from "@/lib/forge/tickets/codec";
import {
  describeEvent,
  eventElement,
  eventOfElement,
  ticketEvents,
  timelineEventOfRecord,
  type TimelineEvent,
} from "./timeline-event";
import { parseXml } from "@/lib/xmpp/xml";

function ticket(changes: Parameters<typeof encodeTicket>[1] | undefined = undefined): Ticket {
  const form = newTicketForm({
    title: "Slow startup",
    author: "bob",
    authorJid: "bob@b.test",
    created: "2026-12-04T10:00:00Z",
    labels: ["perf"],
    commentsUri: "xmpp:pubsub.a.test?;node=comments",
  });
  const first = decodeTicket(form);
  if (!first.ok) throw new Error(first.reason);
  if (!changes) return first.ticket;
  const edited = decodeTicket(encodeTicket(first.ticket, changes));
  if (!edited.ok) throw new Error(edited.reason);
  return edited.ticket;
}

const updated = "2026-12-04T11:00:00Z";

describe("ticketEvents", () => {
  it("gives one event per changed field, in the form's order, and none for the date", () => {
    const events = ticketEvents(
      ticket(),
      ticket({ updated, status: "closed", title: "Slow start", assignees: ["alice@a.test"] }),
    );
    expect(events).toEqual([
      { field: "title", from: ["Slow startup"], to: ["Slow start"] },
      { field: "status", from: ["queued"], to: ["closed"] },
      { field: "assignees", from: [], to: ["alice@a.test"] },
    ]);
  });

  it("sees no change in a list given in another order, or in an unchanged save", () => {
    const labelled = ticket({ updated, labels: ["perf", "startup"] });
    expect(ticketEvents(labelled, ticket({ updated, labels: ["startup", "perf"] }))).toEqual([]);
    expect(ticketEvents(ticket(), ticket({ updated, status: "queued" }))).toEqual([]);
  });
});

describe("describeEvent", () => {
  const event = (field: TimelineEvent["field"], from: string[], to: string[]) => ({
    field,
    from,
    to,
  });

  it("says what changed, naming values as the reader knows them", () => {
    const status = event("status", ["queued"], ["closed"]);
    expect(describeEvent(status)).toBe("changed status queued → closed");
    expect(describeEvent(status, (_, v) => (v === "queued" ? "open" : v))).toBe(
      "changed status open → closed",
    );
    expect(describeEvent(event("title", ["A"], ["B"]))).toBe("changed the title A → B");
    expect(describeEvent(event("milestone", [], ["v1"]))).toBe("set milestone to v1");
    expect(describeEvent(event("milestone", ["v1"], []))).toBe("cleared milestone (was v1)");
  });

  it("says which labels and assignees came and went", () => {
    expect(describeEvent(event("labels", ["a"], ["a", "b", "c"]))).toBe("added labels b, c");
    expect(describeEvent(event("labels", ["a", "b"], ["c"]))).toBe(
      "added label c and removed labels a, b",
    );
    expect(describeEvent(event("assignees", ["x@a.test"], ["y@a.test"]))).toBe(
      "assigned y@a.test and unassigned x@a.test",
    );
  });
});

describe("the event element", () => {
  it("round-trips through XML", () => {
    const events: TimelineEvent[] = [
      { field: "labels", from: ["a", "b"], to: [] },
      { field: "title", from: ["<b>&"], to: ["x"] },
    ];
    for (const event of events) {
      expect(eventOfElement(parseXml(eventElement(event).toString()))).toEqual(event);
    }
  });

  it("is hostile input: unknown fields, attributes or children make it no event", () => {
    const ns = 'xmlns="urn:pubforge:event:0"';
    const read = (xml: string) => eventOfElement(parseXml(xml));
    expect(read(`<event ${ns} field="status"><from>a</from><to>b</to></event>`)).toEqual({
      field: "status",
      from: ["a"],
      to: ["b"],
    });
    expect(read(`<event ${ns} field="owner"><to>mallory@evil.test</to></event>`)).toBeUndefined();
    expect(read(`<event ${ns} field="status" by="x"><to>b</to></event>`)).toBeUndefined();
    expect(read(`<event ${ns} field="status" to="b"/>`)).toBeUndefined();
    expect(read(`<event ${ns} field="status"><to>b</to><note/></event>`)).toBeUndefined();
    expect(read(`<event ${ns} field="status"><to><b>x</b></to></event>`)).toBeUndefined();
    expect(read(`<event ${ns}><to>b</to></event>`)).toBeUndefined();
    expect(read(`<event ${ns} field="status"><to>${"x".repeat(301)}</to></event>`)).toBeUndefined();
  });
});

describe("timelineEventOfRecord", () => {
  it("reads the cache's JSON, and nothing from a plain comment or broken JSON", () => {
    const event = { field: "status", from: ["queued"], to: ["closed"] };
    expect(timelineEventOfRecord(JSON.stringify(event))).toEqual(event);
    expect(timelineEventOfRecord(null)).toBeUndefined();
    expect(timelineEventOfRecord("{")).toBeUndefined();
    expect(timelineEventOfRecord('{"field":"owner","from":[],"to":[]}')).toBeUndefined();
  });
});
