import { describe, expect, it } from "vitest";
import { parseBasicAuthorization } from "./repository-auth";

const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

describe("parseBasicAuthorization", () => {
  it("reads a JID and a secret that may itself hold colons", () => {
    expect(parseBasicAuthorization(basic("alice@a.test:pa:ss"))).toEqual({
      jid: "alice@a.test",
      secret: "pa:ss",
    });
    expect(parseBasicAuthorization(basic("Alice@A.test:x"))?.jid).toBe("alice@a.test");
  });

  it("refuses what is not a bare JID and a secret", () => {
    for (const header of [
      null,
      "",
      "Bearer abc",
      basic("alice@a.test"),
      basic("alice@a.test:"),
      basic(":secret"),
      basic("not a jid:secret"),
      basic("alice@a.test/laptop:secret"),
      `Basic ${"A".repeat(5000)}`,
    ]) {
      expect(parseBasicAuthorization(header), String(header).slice(0, 40)).toBeNull();
    }
  });
});
