import xml from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { itemFromElement } from "@/lib/xmpp/pubsub";
import {
  type Check,
  checkItemId,
  decodeCheck,
  encodeCheck,
  MAX_SUMMARY_CHARS,
  NS_CHECKS,
} from "./codec";

const CHECK: Check = {
  mergeRequest: "mr-1",
  revision: 3,
  name: "ci",
  status: "failure",
  url: "https://ci.example/run/7",
  summary: "1 test failed",
};

const item = (attrs: Record<string, string>, summary = "", id?: string) =>
  itemFromElement(
    xml(
      "item",
      {
        id: id ?? `${attrs["merge-request"]}_r${attrs.revision}_${attrs.name}`,
        publisher: "ci@b.test",
      },
      xml("check", { xmlns: NS_CHECKS, ...attrs }, xml("summary", {}, summary)),
    ),
  );
const ATTRS = { "merge-request": "mr-1", revision: "3", name: "ci", status: "success" };

describe("check codec", () => {
  it("reads back what it writes, under the id its payload implies", () => {
    const element = encodeCheck(CHECK);
    const decoded = decodeCheck(itemFromElement(xml("item", { id: checkItemId(CHECK) }, element)));
    expect(decoded).toEqual({ ok: true, check: CHECK });
    expect(checkItemId(CHECK)).toBe("mr-1_r3_ci");
  });

  it("refuses an item whose id names another merge request, revision or name", () => {
    expect(decodeCheck(item(ATTRS, "", "mr-2_r3_ci"))).toMatchObject({ ok: false });
    expect(decodeCheck(item(ATTRS, "", "mr-1_r4_ci"))).toMatchObject({ ok: false });
  });

  it.each([
    ["an unknown status", { status: "skipped" }],
    ["a revision that is not a positive number", { revision: "0" }],
    ["a revision in another notation", { revision: "3e0" }],
    ["a name with spaces", { name: "unit tests" }],
    ["a name too long", { name: "x".repeat(41) }],
    ["a javascript: link", { url: "javascript:alert(1)" }],
    ["a file: link", { url: "file:///etc/passwd" }],
    ["a link that is no URL", { url: "not a url" }],
    ["a merge request id with spaces", { "merge-request": "a b" }],
  ])("refuses %s", (_, change) => {
    const attrs = { ...ATTRS, ...change } as Record<string, string>;
    const id = `${ATTRS["merge-request"]}_r${ATTRS.revision}_${ATTRS.name}`;
    expect(decodeCheck(item(attrs, "", id))).toMatchObject({ ok: false });
  });

  it("refuses payloads that are not checks", () => {
    const other = itemFromElement(xml("item", { id: "x" }, xml("check", { xmlns: "urn:other" })));
    expect(decodeCheck(other)).toMatchObject({ ok: false, reason: "not a check" });
  });

  it("keeps the last characters of a long summary, as plain text", () => {
    const long = `${"a".repeat(MAX_SUMMARY_CHARS)}THE END`;
    const decoded = decodeCheck(item(ATTRS, long));
    expect(decoded.ok && decoded.check.summary.length).toBe(MAX_SUMMARY_CHARS);
    expect(decoded.ok && decoded.check.summary.endsWith("THE END")).toBe(true);
    const markup = decodeCheck(item(ATTRS, "<b>bold</b>"));
    expect(markup.ok && markup.check.summary).toBe("<b>bold</b>");
  });
});
