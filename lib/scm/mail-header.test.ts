import { describe, expect, it } from "vitest";
import { parseIdentity } from "./identity";
import { decodeHeader, encodeHeader, readHeaders } from "./mail-header";

describe("mail headers", () => {
  it("decodes folded RFC 2047 words as git format-patch writes them", () => {
    const headers = readHeaders([
      "From: =?UTF-8?q?Zo=C3=AB=20=C3=9Cn=C3=AFcode?= <zoe@forge.test>",
      "Subject: [PATCH 1/2] =?UTF-8?q?Rename,=20add:=20wi?=",
      " =?UTF-8?q?th=20=C3=BCn=C3=AFcode?=",
    ]);
    expect(decodeHeader(headers.get("from")!)).toBe("Zoë Ünïcode <zoe@forge.test>");
    expect(decodeHeader(headers.get("subject")!)).toBe("[PATCH 1/2] Rename, add: with ünïcode");
    expect(decodeHeader("=?ISO-8859-1?B?WvY=?= x")).toBe("Zö x");
  });

  it("encodes only what needs it, in words short enough for a mail line", () => {
    expect(encodeHeader("Plain subject")).toBe("Plain subject");
    const long = "ünïcode ".repeat(12).trim();
    const encoded = encodeHeader(long);
    expect(encoded.split("\n ").every((word) => word.length <= 75)).toBe(true);
    expect(decodeHeader(encoded.replace(/\n/g, ""))).toBe(long);
    expect(decodeHeader(encodeHeader("a =?x?q?y?= b"))).toBe("a =?x?q?y?= b");
  });

  it("reads Name <email>", () => {
    expect(parseIdentity('"A. Person" <a@x.test>')).toEqual({
      name: "A. Person",
      email: "a@x.test",
    });
    expect(parseIdentity("alice")).toEqual({ name: "alice", email: "" });
    expect(parseIdentity("a@x.test")).toEqual({ name: "", email: "a@x.test" });
  });
});
