import { describe, expect, it } from "vitest";
import { DataFormError, parseDataForm, setField } from "@/lib/xmpp/dataform";
import { parseSchemaForm, schemaMismatches } from "./schema-form";
import { liberviaFixture } from "./fixtures";

function publishedForm(fixture: string) {
  const root = liberviaFixture(fixture);
  return parseDataForm(
    root.name === "x" ? root : root.getChildByAttr("xmlns", "jabber:x:data", undefined, true)!,
  );
}

describe("parseSchemaForm", () => {
  it("reads Libervia's ticket schema: types, labels, options and defaults", () => {
    const schema = parseSchemaForm(liberviaFixture("tickets_schema.xml"));
    expect(schema.formType).toBe("org.salut-a-toi.tickets:0");
    expect(schema.fields.map((field) => [field.var, field.type])).toEqual([
      ["FORM_TYPE", "hidden"],
      ["org.salut-a-toi.tickets#type:0", "hidden"],
      ["title", "text-single"],
      ["author", "text-single"],
      ["created", "text-single"],
      ["updated", "text-single"],
      ["labels", "text-multi"],
      ["type", "list-single"],
      ["status", "list-single"],
      ["priority", "list-single"],
      ["body", undefined],
      ["comments_uri", "text-single"],
    ]);
    const type = schema.fields.find((field) => field.var === "type")!;
    expect(type.label).toBe("type");
    expect(type.defaultValues).toEqual(["bug"]);
    expect(type.options).toEqual([
      { value: "bug", label: "bug" },
      { value: "feature", label: "feature request" },
    ]);
    const status = schema.fields.find((field) => field.var === "status")!;
    expect(status.options.map((option) => option.value)).toEqual([
      "queued",
      "started",
      "review",
      "closed",
    ]);
    expect(schema.fields.find((field) => field.var === "priority")?.defaultValues).toEqual([
      "normal",
    ]);
    expect(schema.fields.every((field) => !field.required)).toBe(true);
  });

  it("reads a project schema with an extra ticket type, and the merge request schema", () => {
    const task = parseSchemaForm(liberviaFixture("tickets_schema_task.xml"));
    expect(
      task.fields.find((field) => field.var === "type")?.options.map((option) => option.value),
    ).toEqual(["bug", "feature", "task"]);
    const mr = parseSchemaForm(liberviaFixture("mr_schema.xml"));
    expect(mr.formType).toBe("org.salut-a-toi.merge_requests:0");
    expect(mr.fields.find((field) => field.var === "type")?.defaultValues).toEqual([
      "mercurial_changeset",
    ]);
    expect(
      mr.fields.find((field) => field.var === "status")?.options.map((option) => option.value),
    ).toEqual(["queued", "review", "merged", "rejected"]);
  });

  it("rejects a submitted form", () => {
    expect(() => parseSchemaForm(liberviaFixture("d1_minimal.xml"))).toThrow(DataFormError);
  });
});

describe("schemaMismatches", () => {
  const schema = parseSchemaForm(liberviaFixture("tickets_schema.xml"));

  it("finds nothing wrong with what Libervia itself publishes", () => {
    expect(schemaMismatches(publishedForm("ticket_publish_iq.xml"), schema)).toEqual([]);
    const mrSchema = parseSchemaForm(liberviaFixture("mr_schema.xml"));
    expect(schemaMismatches(publishedForm("mr_publish_iq.xml"), mrSchema)).toEqual([]);
  });

  it("reports missing fields, wrong types, wrong hidden values and values that are not options", () => {
    const d2 = publishedForm("d2_extra.xml");
    const problems = schemaMismatches(setField(d2, "FORM_TYPE", { values: ["other"] }), schema);
    expect(problems).toContain(`missing field "org.salut-a-toi.tickets#type:0"`);
    expect(problems).toContain(`missing field "priority"`);
    expect(problems).toContain(`"wontfix" is not an option of field "status"`);
    expect(problems).toContain(`hidden field "FORM_TYPE" must be ["org.salut-a-toi.tickets:0"]`);
    const untyped = publishedForm("d3_untyped_extra.xml");
    expect(schemaMismatches(untyped, schema)).toContain(
      `field "title" has type undefined, the schema says text-single`,
    );
  });
});
