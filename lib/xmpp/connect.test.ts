import { describe, expect, it } from "vitest";
import { parseHostMap } from "@/lib/config";
import { serviceFor } from "./connect";
import { describeConnectError, describeStanzaError } from "./errors";

describe("serviceFor", () => {
  const hosts = parseHostMap("a.test=127.0.0.2:5222, b.test=127.0.0.3:15222");
  it("pins mapped domains to their loopback address", () => {
    expect(serviceFor("a.test", hosts)).toEqual({
      service: "xmpp://127.0.0.2:5222",
      loopback: true,
    });
    expect(serviceFor("B.TEST", hosts)).toEqual({
      service: "xmpp://127.0.0.3:15222",
      loopback: true,
    });
  });
  it("leaves other domains to DNS resolution and never treats them as loopback", () => {
    expect(serviceFor("example.org", hosts)).toEqual({
      service: "xmpp://example.org",
      loopback: false,
    });
  });
  it("rejects a malformed host map", () => {
    expect(() => parseHostMap("a.test")).toThrow(/domain=host:port/);
  });
});

describe("error messages", () => {
  it("names a wrong password without echoing anything secret", () => {
    const failure = describeConnectError(
      { name: "SASLError", condition: "not-authorized" },
      "a.test",
    );
    expect(failure.kind).toBe("not-authorized");
    expect(failure.message).toMatch(/rejected this address and password/);
  });
  it("tells an unknown domain from a server that is down", () => {
    expect(describeConnectError({ code: "ENOTFOUND" }, "x.invalid").kind).toBe("unknown-domain");
    expect(describeConnectError({ code: "ECONNREFUSED" }, "a.test").kind).toBe("unreachable");
  });
  it("maps pubsub refusals to a permission message", () => {
    const failure = describeStanzaError({ condition: "forbidden" }, "publish a ticket");
    expect(failure.kind).toBe("forbidden");
    expect(failure.message).toMatch(/refused to publish a ticket/);
  });
});
