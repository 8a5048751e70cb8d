import type { Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { type DataForm, findField, getValue, getValues, parseDataForm } from "@/lib/xmpp/dataform";
import { itemsOfStanza } from "@/lib/xmpp/testing/stanza-items";
import { parseSchemaForm, schemaMismatches } from "@/lib/forge/testing/schema-form";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { decodeTicket, encodeTicket, newTicketForm, type Ticket } from "./codec";
import { ticketsSchemaForm } from "./schema";
import { parseXml } from "@/lib/xmpp/xml";

function decoded(element: Element): Ticket {
  const result = decodeTicket(element);
  if (!result.ok) throw new Error(result.reason);
  return result.ticket;
}

function reparsed(x: Element): DataForm {
  return parseDataForm(parseXml(x.toString()));
}

function publishedItem(fixture: string): Element {
  return itemsOfStanza(liberviaFixture(fixture))[0]!.items[0]!;
}

const NEW_TICKET = {
  title: "Crash on empty input",
  author: "Alice",
  authorJid: "alice@forge.test",
  created: "2026-11-25T14:53:45Z",
  labels: ["parser", "crash"],
  type: "bug",
  status: "queued",
  priority: "major",
  bodyMarkdown: "The parser crashes when given an **empty** file.\n\n- step one\n- step two\n",
  commentsUri:
    "xmpp:pubsub.forge.test?;node=urn%3Axmpp%3Amicroblog%3A0%3Acomments%2Ffdp%2Fsubmitted%2Forg.salut-a-toi.tickets%3A0_JStzB4nkQmn5Zdn58PPheR",
  assignees: ["bob@forge.test"],
  milestone: "v1.0",
  number: 12,
};

describe("decodeTicket", () => {
  it("reads a minimal form with sensible defaults (d1)", () => {
    const ticket = decoded(liberviaFixture("d1_minimal.xml"));
    expect(ticket).toMatchObject({
      title: "d1 minimal: only title",
      author: undefined,
      created: undefined,
      updated: undefined,
      labels: [],
      type: "bug",
      status: "queued",
      priority: "normal",
      body: undefined,
      bodyMarkdown: undefined,
      commentsUri: undefined,
      assignees: [],
      milestone: undefined,
    });
  });

  it("keeps unknown statuses and reads another client's single assignee (d2)", () => {
    const ticket = decoded(liberviaFixture("d2_extra.xml"));
    expect(ticket).toMatchObject({
      title: "d2 extra fields",
      author: "Carol",
      created: "2026-11-20T10:00:00Z",
      status: "wontfix",
      type: "bug",
      labels: ["x", "y"],
      assignees: ["bob@forge.test"],
      milestone: "v1.2",
    });
    expect(ticket.body?.kind).toBe("xhtml");
    expect(ticket.body?.kind === "xhtml" && ticket.body.div.toString()).toBe(
      `<div xmlns="http://www.w3.org/1999/xhtml"><p>extra <b>fields</b></p></div>`,
    );
  });

  it("reads untyped fields and a plain-text body (d3)", () => {
    const ticket = decoded(liberviaFixture("d3_untyped_extra.xml"));
    expect(ticket).toMatchObject({
      title: "d3 untyped fields",
      milestone: "v2",
      body: { kind: "text", text: "plain text body, no XHTML wrapper" },
    });
  });

  it("rejects another FORM_TYPE (d4) and a form without one (d5), saying why", () => {
    expect(decodeTicket(liberviaFixture("d4_other_formtype.xml"))).toEqual({
      ok: false,
      reason: `the form is a "urn:example:pubforge:issue:0", not a ticket (org.salut-a-toi.tickets:0)`,
    });
    expect(decodeTicket(liberviaFixture("d5_no_formtype.xml"))).toEqual({
      ok: false,
      reason: "the form has no FORM_TYPE, so nothing says it is a ticket",
    });
  });

  it("rejects merge requests, items without a form, and things that are not forms", () => {
    const mr = decodeTicket(liberviaFixture("mr_item_raw.xml"));
    expect(mr).toMatchObject({
      ok: false,
      reason: expect.stringContaining("org.salut-a-toi.merge_requests:0"),
    });
    expect(
      decodeTicket(parseXml("<item xmlns='http://jabber.org/protocol/pubsub' id='a'/>")),
    ).toEqual({
      ok: false,
      reason: "the item holds no data form",
    });
    expect(decodeTicket(parseXml("<entry xmlns='http://www.w3.org/2005/Atom'/>"))).toMatchObject({
      ok: false,
    });
  });

  it("reads Libervia's tickets, published and stored", () => {
    const published = decoded(publishedItem("ticket_publish_iq.xml"));
    expect(published).toMatchObject({
      title: "Crash on empty input",
      author: "Alice",
      created: "2026-11-25T14:53:45Z",
      updated: "2026-11-25T14:53:45Z",
      labels: ["parser", "crash"],
      type: "bug",
      status: "queued",
      priority: "major",
      commentsUri: NEW_TICKET.commentsUri,
      assignees: [],
    });
    for (const fixture of [
      "ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projQ.xml",
      "ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projX.xml",
      "libervia_ticket_before_update.xml",
      "libervia_ticket_after_update.xml",
      "d2_extra_after_libervia_update.xml",
    ]) {
      expect(decodeTicket(liberviaFixture(fixture)).ok, fixture).toBe(true);
    }
  });

  it("shows what Libervia's own update does: the body becomes the text None, an empty comments_uri is nothing", () => {
    const after = decoded(liberviaFixture("libervia_ticket_after_update.xml"));
    expect(after.status).toBe("started");
    expect(after.body?.kind === "xhtml" && after.body.div.getText()).toBe("None");
    const d2After = decoded(liberviaFixture("d2_extra_after_libervia_update.xml"));
    expect(d2After.commentsUri).toBeUndefined();
    expect(d2After.assignees).toEqual([]);
    expect(d2After.milestone).toBeUndefined();
  });
});

describe("encodeTicket", () => {
  it("changes the status of d2 and republishes every other field exactly as received", () => {
    const ticket = decoded(liberviaFixture("d2_extra.xml"));
    const form = reparsed(
      encodeTicket(ticket, { status: "closed", updated: "2026-11-25T15:08:33Z" }),
    );
    expect(getValue(form, "status")).toBe("closed");
    expect(getValue(form, "updated")).toBe("2026-11-25T15:08:33Z");
    for (const field of ticket.form.fields) {
      if (field.var === "status") continue;
      expect(findField(form, field.var!)?.element.toString(), field.var).toBe(
        field.element.toString(),
      );
    }
    // What Libervia lost in d2_extra_after_libervia_update.xml is all still there.
    expect(getValue(form, "assignee")).toBe("bob@forge.test");
    expect(getValue(form, "milestone")).toBe("v1.2");
    expect(getValue(form, "pubforge-id")).toBe("projA#42");
    const body = decoded(serializeForm(form)).body;
    expect(body?.kind === "xhtml" && body.div.toString()).toBe(
      `<div xmlns="http://www.w3.org/1999/xhtml"><p>extra <b>fields</b></p></div>`,
    );
  });

  it("makes Libervia's status update without losing the body Libervia lost", () => {
    const before = decoded(liberviaFixture("libervia_ticket_before_update.xml"));
    const ours = reparsed(
      encodeTicket(before, { status: "started", updated: "2026-11-25T15:08:40Z" }),
    );
    const libervias = parseDataForm(
      liberviaFixture("libervia_ticket_after_update.xml").getChildElements()[0]!,
    );
    expect(ours.fields.map((field) => field.var)).toEqual(
      libervias.fields.map((field) => field.var),
    );
    for (const field of libervias.fields) {
      const mine = findField(ours, field.var!)!.element.toString();
      if (field.var === "body")
        expect(mine).toBe(findField(before.form, "body")!.element.toString());
      else expect(mine, field.var).toBe(field.element.toString());
    }
  });

  it("writes a new body as XHTML for Libervia and as markdown for Pubforge, one line per value", () => {
    const ticket = decoded(liberviaFixture("d3_untyped_extra.xml"));
    const markdown = "First *line*\n\n```\ncode\n```\n";
    const x = encodeTicket(ticket, { bodyMarkdown: markdown, updated: "2026-11-26T00:00:00Z" });
    const form = reparsed(x);
    expect(getValues(form, "body_markdown")).toEqual([
      "First *line*",
      "",
      "```",
      "code",
      "```",
      "",
    ]);
    expect(findField(form, "body_markdown")?.type).toBe("text-multi");
    expect(findField(form, "body")?.element.toString()).toBe(
      `<field var="body"><wrapper xmlns="urn:xmpp:xml-element"><div xmlns="http://www.w3.org/1999/xhtml"><p>First <em>line</em></p>\n<pre><code>code\n</code></pre></div></wrapper></field>`,
    );
    const again = decoded(parseXml(x.toString()));
    expect(again.bodyMarkdown).toBe(markdown);
    expect(again.milestone).toBe("v2");
  });

  it("writes assignees as jid-multi and keeps another client's single assignee in step", () => {
    const ticket = decoded(liberviaFixture("d2_extra.xml"));
    const form = reparsed(
      encodeTicket(ticket, {
        assignees: ["carol@forge.test", "dave@forge.test"],
        updated: "2026-11-26T00:00:00Z",
      }),
    );
    expect(findField(form, "assignees")?.element.toString()).toBe(
      `<field type="jid-multi" var="assignees"><value>carol@forge.test</value><value>dave@forge.test</value></field>`,
    );
    expect(findField(form, "assignee")?.element.toString()).toBe(
      `<field type="jid-single" var="assignee"><value>carol@forge.test</value></field>`,
    );
    expect(decoded(serializeForm(form)).assignees).toEqual(["carol@forge.test", "dave@forge.test"]);
    const unassigned = reparsed(
      encodeTicket(ticket, { assignees: [], updated: "2026-11-26T00:00:00Z" }),
    );
    expect(decoded(serializeForm(unassigned)).assignees).toEqual([]);
  });

  it("clears a milestone or comments_uri given as empty, and adds missing fields with their types", () => {
    const ticket = decoded(liberviaFixture("d1_minimal.xml"));
    const form = reparsed(
      encodeTicket(ticket, {
        milestone: "",
        labels: [" a ", "a", "b"],
        priority: "minor",
        updated: "2026-11-26T00:00:00Z",
      }),
    );
    expect(findField(form, "milestone")?.element.toString()).toBe(
      `<field type="text-single" var="milestone"/>`,
    );
    expect(getValues(form, "labels")).toEqual(["a", "b"]);
    expect(findField(form, "priority")?.type).toBe("list-single");
  });
});

function serializeForm(form: DataForm): Element {
  return parseXml(
    `<x xmlns="jabber:x:data" type="submit">${form.fields.map((field) => field.element.toString()).join("")}</x>`,
  );
}

describe("newTicketForm", () => {
  const form = reparsed(newTicketForm(NEW_TICKET));

  it("writes Libervia's fields, in Libervia's order, then Pubforge's extras", () => {
    const libervias = parseDataForm(publishedItem("ticket_publish_iq.xml").getChildElements()[0]!);
    const extras = ["assignees", "milestone", "body_markdown", "number", "author_jid"];
    expect(form.fields.map((field) => [field.var, field.type])).toEqual([
      ...libervias.fields.map((field) => [field.var, field.type]),
      ["assignees", "jid-multi"],
      ["milestone", "text-single"],
      ["body_markdown", "text-multi"],
      ["number", "text-single"],
      ["author_jid", "jid-single"],
    ]);
    // Field for field, what Libervia wrote and what Pubforge writes for the same ticket agree,
    // except the body, whose XHTML is rendered from markdown.
    for (const field of libervias.fields) {
      if (field.var === "body") continue;
      expect(findField(form, field.var!)?.element.toString(), field.var).toBe(
        field.element.toString(),
      );
    }
    expect(extras.every((name) => findField(form, name))).toBe(true);
  });

  it("matches tickets_schema.xml field by field: vars, types, hidden values and list options", () => {
    const schema = parseSchemaForm(liberviaFixture("tickets_schema.xml"));
    for (const expected of schema.fields) {
      const actual = findField(form, expected.var!);
      expect(actual, expected.var).toBeDefined();
      expect(actual?.type, expected.var).toBe(expected.type);
      if (expected.type === "hidden") expect(actual?.values).toEqual(expected.defaultValues);
      if (expected.type === "list-single") {
        expect(actual?.values).toHaveLength(1);
        expect(expected.options.map((option) => option.value)).toContain(actual?.values[0]);
      }
    }
    expect(schemaMismatches(form, schema)).toEqual([]);
  });

  it("reads back as the ticket it describes", () => {
    const ticket = decoded(newTicketForm(NEW_TICKET));
    expect(ticket).toMatchObject({
      ...NEW_TICKET,
      updated: NEW_TICKET.created,
    });
    expect(ticket.body?.kind === "xhtml" && ticket.body.div.toString()).toContain(
      "<strong>empty</strong>",
    );
  });

  it("names who filed it in author_jid, which edits keep and only a bare JID fills", () => {
    const filed = decoded(newTicketForm(NEW_TICKET));
    expect(filed.authorJid).toBe("alice@forge.test");
    const edited = decoded(
      encodeTicket(filed, { updated: "2026-11-26T00:00:00Z", status: "closed" }),
    );
    expect(edited.authorJid).toBe("alice@forge.test");
    expect(decoded(newTicketForm({ ...NEW_TICKET, authorJid: "alice" })).authorJid).toBeUndefined();
    // Libervia writes no such field, and its own update drops it.
    for (const fixture of [
      "d1_minimal.xml",
      "d2_extra.xml",
      "d2_extra_after_libervia_update.xml",
    ]) {
      expect(decoded(liberviaFixture(fixture)).authorJid, fixture).toBeUndefined();
    }
  });

  it("fills in Libervia's schema defaults and empty extras", () => {
    const minimal = reparsed(
      newTicketForm({
        title: "t",
        author: "a",
        authorJid: "a@forge.test",
        created: "2026-11-25T00:00:00Z",
        commentsUri: NEW_TICKET.commentsUri,
      }),
    );
    expect(getValue(minimal, "type")).toBe("bug");
    expect(getValue(minimal, "status")).toBe("queued");
    expect(getValue(minimal, "priority")).toBe("normal");
    expect(findField(minimal, "labels")?.element.toString()).toBe(
      `<field type="text-multi" var="labels"/>`,
    );
    expect(findField(minimal, "body")?.element.toString()).toBe(
      `<field var="body"><wrapper xmlns="urn:xmpp:xml-element"><div xmlns="http://www.w3.org/1999/xhtml"/></wrapper></field>`,
    );
  });
});

describe("ticketsSchemaForm", () => {
  const ours = parseSchemaForm(ticketsSchemaForm());

  it("is Libervia's tickets_schema.xml, field for field, plus the extras", () => {
    const libervias = parseDataForm(liberviaFixture("tickets_schema.xml"));
    const oursAsForm = parseDataForm(parseXml(ticketsSchemaForm().toString()));
    expect(oursAsForm.type).toBe("form");
    for (const [index, field] of libervias.fields.entries()) {
      expect(oursAsForm.fields[index]?.element.toString(), field.var).toBe(
        field.element.toString(),
      );
    }
    expect(
      ours.fields.slice(libervias.fields.length).map((field) => [field.var, field.type]),
    ).toEqual([
      ["assignees", "jid-multi"],
      ["milestone", "text-single"],
      ["body_markdown", "text-multi"],
      ["number", "text-single"],
      ["author_jid", "jid-single"],
    ]);
    expect(
      ours.fields.find((field) => field.var === "status")?.options.map((option) => option.value),
    ).toEqual(["queued", "started", "review", "closed"]);
  });

  it("accepts what Pubforge publishes, and finds only the extras missing from what Libervia publishes", () => {
    expect(
      schemaMismatches(
        parseDataForm(publishedItem("ticket_publish_iq.xml").getChildElements()[0]!),
        ours,
      ),
    ).toEqual([
      'missing field "assignees"',
      'missing field "milestone"',
      'missing field "body_markdown"',
      'missing field "number"',
      'missing field "author_jid"',
    ]);
    expect(schemaMismatches(reparsed(newTicketForm(NEW_TICKET)), ours)).toEqual([]);
  });
});

describe("a ticket's short number", () => {
  const withNumber = (value: string) =>
    newTicketForm({ ...NEW_TICKET, number: 1 })
      .toString()
      .replace(/(var="number"[^>]*>)<value>1<\/value>/, `$1<value>${value}</value>`);

  it("is written by newTicketForm and kept verbatim by edits", () => {
    const ticket = decoded(newTicketForm(NEW_TICKET));
    expect(ticket.number).toBe(12);
    const edited = reparsed(
      encodeTicket(ticket, { status: "closed", updated: "2026-12-01T00:00:00Z" }),
    );
    expect(findField(edited, "number")?.element.toString()).toBe(
      '<field type="text-single" var="number"><value>12</value></field>',
    );
  });

  it("is rewritten only when its creator renumbers the ticket", () => {
    const ticket = decoded(newTicketForm(NEW_TICKET));
    const renumbered = decoded(encodeTicket(ticket, { number: 13, updated: NEW_TICKET.created }));
    expect(renumbered.number).toBe(13);
    expect(renumbered.title).toBe(NEW_TICKET.title);
  });

  it("is none for Libervia's tickets, and for anything but a bounded positive integer", () => {
    expect(decoded(liberviaFixture("d2_extra_after_libervia_update.xml")).number).toBeUndefined();
    expect(decoded(parseXml(withNumber("7"))).number).toBe(7);
    for (const hostile of ["0", "-1", "1.5", "1e9", "12abc", "9".repeat(50), "", " "]) {
      expect(decoded(parseXml(withNumber(hostile))).number, hostile).toBeUndefined();
    }
  });
});
