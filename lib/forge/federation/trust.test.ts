import { describe, expect, it } from "vitest";
import { sessionVouchedFor } from "./trust";

describe("sessionVouchedFor", () => {
  const instance = "forge@a.test";

  it("believes a session whose server hosts the service", () => {
    expect(sessionVouchedFor("bob@b.test", "pubsub.b.test", instance)).toBe(true);
    expect(sessionVouchedFor("bob@b.test/pubforge-1", "b.test", instance)).toBe(true);
  });

  it("believes sessions on the instance's own server, for any service", () => {
    expect(sessionVouchedFor("alice@a.test", "pubsub.b.test", instance)).toBe(true);
  });

  it("does not believe another server about a service it does not host", () => {
    expect(sessionVouchedFor("m@evil.test", "pubsub.a.test", instance)).toBe(false);
    expect(sessionVouchedFor("bob@b.test", "pubsub.a.test", "forge@c.test")).toBe(false);
  });

  it("is not fooled by look-alike domains", () => {
    expect(sessionVouchedFor("m@b.test", "pubsub.evilb.test", instance)).toBe(false);
    expect(sessionVouchedFor("m@test", "a.test", "forge@c.test")).toBe(false);
    expect(sessionVouchedFor("m@a.test", "x.pubsub.a.test", "forge@c.test")).toBe(false);
  });
});
