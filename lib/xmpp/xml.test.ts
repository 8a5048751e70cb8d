import { describe, expect, it } from "vitest";
import { cloneElement, firstChildElement, parseXml, xmlSafeText } from "./xml";

describe("parseXml", () => {
  it("parses nested elements, attributes, entities and text in order", () => {
    const root = parseXml(`<a xmlns='urn:a' k="v &amp; w"><b>one &lt;two&gt;</b>tail<c/></a>`);
    expect(root.attrs.k).toBe("v & w");
    expect(root.getChildText("b")).toBe("one <two>");
    expect(root.children[1]).toBe("tail");
    expect(root.toString()).toBe(
      `<a xmlns="urn:a" k="v &amp; w"><b>one &lt;two&gt;</b>tail<c/></a>`,
    );
  });

  it("rejects mismatched tags, unclosed roots and second roots", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/not well-formed/);
    expect(() => parseXml("<a><b/>")).toThrow(/not closed/);
    expect(() => parseXml("<a/><b/>")).toThrow(/after the root/);
    expect(() => parseXml("")).toThrow(/not well-formed/);
  });
});

describe("cloneElement", () => {
  it("copies deeply without moving the original out of its tree", () => {
    const root = parseXml("<a xmlns='urn:a'><b x='1'><c>t</c></b></a>");
    const b = firstChildElement(root, "b", "urn:a")!;
    const copy = cloneElement(b);
    copy.attrs.x = "2";
    copy.getChild("c")!.children[0] = "changed";
    expect(b.parent).toBe(root);
    expect(b.toString()).toBe(`<b x="1"><c>t</c></b>`);
    expect(copy.toString()).toBe(`<b x="2"><c>changed</c></b>`);
  });
});

describe("firstChildElement", () => {
  it("matches on local name and inherited namespace", () => {
    const root = parseXml("<x xmlns='jabber:x:data'><field/><p:field xmlns:p='urn:other'/></x>");
    expect(firstChildElement(root, "field", "jabber:x:data")?.name).toBe("field");
    expect(firstChildElement(root, "field", "urn:other")?.name).toBe("p:field");
  });
});

describe("xmlSafeText", () => {
  it("drops what XML 1.0 cannot carry and keeps everything else", () => {
    expect(xmlSafeText("a\u0000b\u0008c\u000bd\u001fe\ufffeé\t\n\r😀\ud800")).toBe(
      "abcdeé\t\n\r😀",
    );
  });
});
