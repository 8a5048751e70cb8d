import { describe, expect, it } from "vitest";
import { parseDataForm } from "@/lib/xmpp/dataform";
import { bodyValue, dateValue, decodeTypedForm, distinctNonEmpty, textValue } from "./form-values";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { parseXml } from "@/lib/xmpp/xml";

const form = parseDataForm(
  parseXml(
    `<x xmlns='jabber:x:data' type='submit'>` +
      `<field var='a'><value>  padded </value></field><field var='blank'><value> </value></field>` +
      `<field var='when'><value>2026-11-25T15:02:37Z</value></field><field var='bad'><value>last tuesday</value></field>` +
      `<field var='lines' type='text-multi'><value>one</value><value/><value>two</value></field></x>`,
  ),
);

describe("form values", () => {
  it("trims text and treats blank as missing", () => {
    expect(textValue(form, "a")).toBe("padded");
    expect(textValue(form, "blank")).toBeUndefined();
    expect(textValue(form, "none")).toBeUndefined();
  });

  it("accepts only ISO 8601 date-times", () => {
    expect(dateValue(form, "when")).toBe("2026-11-25T15:02:37Z");
    expect(dateValue(form, "bad")).toBeUndefined();
    expect(dateValue(form, "none")).toBeUndefined();
  });

  it("reads a body as XHTML, as plain lines, or not at all", () => {
    expect(bodyValue(form, "lines")).toEqual({ kind: "text", text: "one\n\ntwo" });
    expect(bodyValue(form, "none")).toBeUndefined();
    const xhtml = bodyValue(parseDataForm(liberviaFixture("d2_extra.xml")), "body");
    expect(xhtml?.kind === "xhtml" && xhtml.div.getName()).toBe("div");
  });

  it("dedupes and drops blank list entries, keeping first-seen order", () => {
    expect(distinctNonEmpty(["b", " a", "", "b ", "a"])).toEqual(["b", "a"]);
  });

  it("decodes only the expected kind of form, from an item or the form itself", () => {
    expect(
      decodeTypedForm(
        liberviaFixture("mr_item_raw.xml"),
        "org.salut-a-toi.merge_requests:0",
        "merge request",
      ).ok,
    ).toBe(true);
    expect(
      decodeTypedForm(
        liberviaFixture("d1_minimal.xml"),
        "org.salut-a-toi.merge_requests:0",
        "merge request",
      ),
    ).toEqual({
      ok: false,
      reason: `the form is a "org.salut-a-toi.tickets:0", not a merge request (org.salut-a-toi.merge_requests:0)`,
    });
    expect(
      decodeTypedForm(parseXml("<x xmlns='jabber:x:data' type='nope'/>"), "t", "thing"),
    ).toEqual({
      ok: false,
      reason: `data form has an invalid type "nope"`,
    });
  });
});
