import xml from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import {
  DataFormError,
  findField,
  formType,
  getValue,
  getValues,
  getXml,
  joinTextMulti,
  parseDataForm,
  serializeDataForm,
  setField,
  textMultiValues,
} from "./dataform";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { parseXml } from "./xml";

function formOf(fixture: string) {
  const root = liberviaFixture(fixture);
  return parseDataForm(root.name === "x" ? root : root.getChildElements()[0]!);
}

describe("parseDataForm", () => {
  it("keeps every field in order, with types as written (none for Libervia's body)", () => {
    const form = formOf("d2_extra.xml");
    expect(form.type).toBe("submit");
    expect(form.fields.map((field) => field.var)).toEqual([
      "FORM_TYPE",
      "title",
      "author",
      "created",
      "status",
      "type",
      "assignee",
      "milestone",
      "pubforge-id",
      "labels",
      "body",
    ]);
    expect(findField(form, "assignee")?.type).toBe("jid-single");
    expect(findField(form, "body")?.type).toBeUndefined();
  });

  it("reads FORM_TYPE, single and multiple values, and the XML of a wrapped field", () => {
    const form = formOf("d2_extra.xml");
    expect(formType(form)).toBe("org.salut-a-toi.tickets:0");
    expect(getValue(form, "status")).toBe("wontfix");
    expect(getValues(form, "labels")).toEqual(["x", "y"]);
    expect(getValues(form, "nothing")).toEqual([]);
    expect(getXml(form, "body")?.toString()).toBe(
      `<div xmlns="http://www.w3.org/1999/xhtml"><p>extra <b>fields</b></p></div>`,
    );
    expect(getXml(form, "title")).toBeUndefined();
  });

  it("decodes entities in values and keeps empty values as empty lines", () => {
    const form = formOf("f1_mr_git_type.xml");
    const lines = getValues(form, "request_data");
    expect(lines[1]).toBe("From: Carol <carol@forge.test>");
    expect(lines[4]).toBe("");
  });

  it("rejects what is not a data form, with a reason", () => {
    expect(() => parseDataForm(parseXml("<entry xmlns='http://www.w3.org/2005/Atom'/>"))).toThrow(
      DataFormError,
    );
    expect(() => parseDataForm(parseXml("<x xmlns='jabber:x:data' type='bogus'/>"))).toThrow(
      /invalid type/,
    );
    expect(() => parseDataForm(parseXml("<x xmlns='jabber:x:data'/>"))).toThrow(/invalid type/);
  });
});

describe("setField", () => {
  it("changes only the named field: unknown, untyped and hidden fields stay byte-for-byte", () => {
    for (const fixture of [
      "d2_extra.xml",
      "d3_untyped_extra.xml",
      "libervia_ticket_before_update.xml",
    ]) {
      const form = formOf(fixture);
      const changed = setField(form, "title", { values: ["new title"] });
      const reparsed = parseDataForm(parseXml(serializeDataForm(changed).toString()));
      expect(reparsed.fields.map((field) => field.var)).toEqual(
        form.fields.map((field) => field.var),
      );
      for (const [index, field] of form.fields.entries()) {
        const after = reparsed.fields[index]!;
        if (field.var === "title") expect(after.values).toEqual(["new title"]);
        else expect(after.element.toString()).toBe(field.element.toString());
      }
    }
  });

  it("does not mutate the form it was given", () => {
    const form = formOf("d2_extra.xml");
    const before = serializeDataForm(form).toString();
    setField(form, "status", { values: ["closed"] });
    expect(serializeDataForm(form).toString()).toBe(before);
  });

  it("keeps the field's other attributes and type unless a type is given", () => {
    const form = parseDataForm(
      parseXml(
        `<x xmlns='jabber:x:data' type='submit'><field var='status' type='list-single' label='Status'><value>a</value></field></x>`,
      ),
    );
    const kept = setField(form, "status", { values: ["b"] });
    expect(findField(kept, "status")?.element.toString()).toBe(
      `<field type="list-single" var="status" label="Status"><value>b</value></field>`,
    );
    const retyped = setField(form, "status", { type: "text-single", values: [] });
    expect(findField(retyped, "status")?.element.toString()).toBe(
      `<field type="text-single" var="status" label="Status"/>`,
    );
  });

  it("appends a missing field, and writes XML values in Libervia's wrapper", () => {
    const form = formOf("d1_minimal.xml");
    const body = parseXml(`<div xmlns="http://www.w3.org/1999/xhtml"><p>hi</p></div>`);
    const changed = setField(setField(form, "body", { xml: body }), "labels", {
      type: "text-multi",
      values: ["a", "b"],
    });
    expect(changed.fields.map((field) => field.var)).toEqual([
      "FORM_TYPE",
      "title",
      "body",
      "labels",
    ]);
    expect(getXml(changed, "body")?.toString()).toBe(body.toString());
    expect(body.parent).toBeNull();
    const x = serializeDataForm(changed).toString();
    expect(x).toContain(
      `<field var="body"><wrapper xmlns="urn:xmpp:xml-element"><div xmlns="http://www.w3.org/1999/xhtml"><p>hi</p></div></wrapper></field>`,
    );
    expect(x).toContain(
      `<field type="text-multi" var="labels"><value>a</value><value>b</value></field>`,
    );
  });
});

describe("serializeDataForm", () => {
  it("writes a submit form, whatever the type of the form it came from", () => {
    const schema = formOf("tickets_schema.xml");
    const x = serializeDataForm(schema);
    expect(x.attrs).toEqual({ xmlns: "jabber:x:data", type: "submit" });
    expect(x.getChildElements()).toHaveLength(schema.fields.length);
  });

  it("round-trips Libervia's own items exactly (modulo quote style)", () => {
    const item = liberviaFixture("ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projX.xml");
    const x = item.getChildElements()[0]!;
    expect(serializeDataForm(parseDataForm(x)).toString()).toBe(x.toString());
  });

  it("can be built from scratch with xml()", () => {
    const empty = parseDataForm(xml("x", { xmlns: "jabber:x:data", type: "submit" }));
    const form = setField(empty, "FORM_TYPE", { type: "hidden", values: ["urn:example"] });
    expect(formType(parseDataForm(serializeDataForm(form)))).toBe("urn:example");
  });
});

describe("text-multi values", () => {
  it("are one line each, and join back to the same text", () => {
    for (const text of ["a\nb", "a\n\nb\n", "", "single"]) {
      expect(joinTextMulti(textMultiValues(text))).toBe(text);
    }
    expect(textMultiValues("a\r\nb\rc")).toEqual(["a", "b", "c"]);
  });
});
