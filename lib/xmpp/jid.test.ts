import { describe, expect, it } from "vitest";
import { bareJid, splitJid } from "./jid";

describe("bareJid", () => {
  it("drops the resource, and is empty for no address or one without a domain", () => {
    expect(bareJid("alice@a.test/pubforge-1")).toBe("alice@a.test");
    expect(bareJid("pubsub.a.test")).toBe("pubsub.a.test");
    expect(bareJid("alice@a.test/res/with/slashes")).toBe("alice@a.test");
    expect(bareJid(undefined)).toBe("");
    expect(bareJid("")).toBe("");
    expect(bareJid("/resource-only")).toBe("");
  });
});

describe("splitJid", () => {
  it("gives the local part and the domain, without the resource", () => {
    expect(splitJid("alice@a.test/pubforge-1")).toEqual({ local: "alice", domain: "a.test" });
    expect(splitJid("pubsub.a.test")).toEqual({ local: "", domain: "pubsub.a.test" });
    expect(splitJid("")).toEqual({ local: "", domain: "" });
  });
});
