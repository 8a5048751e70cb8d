import fs from "node:fs";
import path from "node:path";
import xml, { Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { xmlString } from "./xml-string";

describe("xmlString", () => {
  it("writes what ltx's toString writes, escapes included", () => {
    const samples = [
      parseXml(
        `<a xmlns='urn:a' k="v &amp; w &quot;q&quot; &apos;s&apos; &lt;&gt;"><b>one &lt;two&gt; &amp; "three" 'four'</b>tail<c/></a>`,
      ),
      xml("item", { id: "1", publisher: undefined }, xml("x", { xmlns: "jabber:x:data" })),
      xml("e", { n: 5 as unknown as string, nothing: null as unknown as string }, "text", "more"),
      new Element("empty"),
      xml("unicode", { t: "é ✓ 😀" }, "ünï 😀 \n\t line"),
      newTicketForm({
        title: `A <title> & "quotes"`,
        author: "alice",
        authorJid: "alice@a.test",
        created: "2026-11-25T10:00:00Z",
        labels: ["ui", "a&b"],
        bodyMarkdown:
          "Some *markdown* with <html> & [a link](https://example.org?a=1&b=2)\n\n- list",
        commentsUri: "xmpp:pubsub.a.test?;node=c",
      }),
    ];
    for (const element of samples) expect(xmlString(element)).toBe(element.toString());
  });

  it("writes numbers among the children as ltx does", () => {
    const element = new Element("n");
    element.children.push(42 as unknown as string);
    expect(xmlString(element)).toBe(element.toString());
  });

  it("agrees with ltx on the Libervia fixtures", () => {
    const dir = path.join(import.meta.dirname, "../forge/__fixtures__/libervia");
    const files = fs.readdirSync(dir).filter((file) => file.endsWith(".xml"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const element = parseXml(fs.readFileSync(path.join(dir, file), "utf8"));
      expect(xmlString(element), file).toBe(element.toString());
    }
  });
});
