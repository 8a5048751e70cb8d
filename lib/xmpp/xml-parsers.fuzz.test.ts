import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestOfThree, expectLinear } from "@/lib/testing/linear-time";
import { buildForm, DataFormError, getValues, parseDataForm } from "./dataform";
import { cloneElement, parseXml, xmlSafeText } from "./xml";
import { formatXmppUri, parseXmppUri } from "./xmpp-uri";

const markupish = fc
  .array(
    fc.oneof(
      fc.constantFrom("<a>", "</a>", "<b x='1'>", "</b>", "<c/>", "<", ">", "&amp;", "&", '"'),
      fc.constantFrom("<?xml version='1.0'?>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE a>"),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(""));

describe("parseXml", () => {
  it("reads or refuses with its own error, for any text", () => {
    fc.assert(
      fc.property(markupish, (text) => {
        try {
          parseXml(text);
        } catch (error) {
          expect((error as Error).message).toMatch(/^not well-formed XML/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("reads back what an element serialises to", () => {
    const text = fc.string({ maxLength: 30 }).map(xmlSafeText);
    fc.assert(
      fc.property(text, text, (attribute, body) => {
        const element = parseXml(`<a xmlns="urn:t"><b/></a>`);
        element.getChild("b")!.attrs.v = attribute;
        element.getChild("b")!.t(body);
        const read = parseXml(element.toString());
        expect(read.getChild("b")!.attrs.v).toBe(attribute);
        expect(read.getChild("b")!.getText()).toBe(body);
      }),
      { numRuns: 200 },
    );
  });

  it("reads 10,000 nested levels and a megabyte of one character in linear time", () => {
    const nested = (n: number) => `${"<a>".repeat(n)}${"</a>".repeat(n)}`;
    expectLinear(
      () => cloneElement(parseXml(nested(10_000))),
      () => cloneElement(parseXml(nested(20_000))),
    );
    for (const hostile of [
      "<".repeat(1 << 20),
      `<a>${"&".repeat(1 << 20)}</a>`,
      " ".repeat(1 << 20),
    ]) {
      const spent = bestOfThree(() => {
        try {
          parseXml(hostile);
        } catch (error) {
          expect((error as Error).message).toMatch(/^not well-formed XML/);
        }
      });
      expect(spent).toBeLessThan(2_000);
    }
  });
});

describe("data forms", () => {
  const name = fc
    .string({ minLength: 1, maxLength: 12 })
    .map(xmlSafeText)
    .filter((s) => s !== "");
  const values = fc.array(fc.string({ maxLength: 20 }).map(xmlSafeText), { maxLength: 4 });

  it("read back the fields a built form holds, through its XML text", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, values), { selector: ([n]) => n, maxLength: 6 }),
        (fields) => {
          const form = parseDataForm(
            parseXml(buildForm(fields.map(([n, v]) => [n, "text-multi", v])).toString()),
          );
          for (const [n, v] of fields) expect(getValues(form, n)).toEqual(v);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuse any other element with a DataFormError only", () => {
    fc.assert(
      fc.property(markupish, fc.constantFrom("form", "submit", "bogus", ""), (inner, type) => {
        let element;
        try {
          element = parseXml(`<x xmlns="jabber:x:data" type="${type}">${inner}</x>`);
        } catch {
          return;
        }
        try {
          parseDataForm(element);
        } catch (error) {
          expect(error).toBeInstanceOf(DataFormError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("read 40,000 fields in linear time", () => {
    const form = (n: number) =>
      parseXml(
        `<x xmlns="jabber:x:data" type="submit">${'<field var="a"><value>v</value></field>'.repeat(n)}</x>`,
      );
    const [small, large] = [form(20_000), form(40_000)];
    expectLinear(
      () => parseDataForm(small),
      () => parseDataForm(large),
    );
  });
});

describe("XMPP URIs", () => {
  it("read back the address they were formatted from", () => {
    const part = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(
        part,
        fc.option(part, { nil: undefined }),
        fc.option(part, { nil: undefined }),
        (jid, node, item) => {
          const address = {
            jid,
            ...(node !== undefined && { node }),
            ...(item !== undefined && { item }),
          };
          expect(parseXmppUri(formatXmppUri(address))).toEqual(address);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throw, and stay linear on long hostile text", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("xmpp:", "?", ";", "=", "%", "%4", "/", "//", "a"),
          maxLength: 30,
        }),
        (uri) => {
          parseXmppUri(uri);
        },
      ),
      { numRuns: 300 },
    );
    for (const unit of [";", "%", ";node=", "/"]) {
      expectLinear(
        () => parseXmppUri(`xmpp:a?${unit.repeat(25_000)}`),
        () => parseXmppUri(`xmpp:a?${unit.repeat(50_000)}`),
      );
    }
  });
});
