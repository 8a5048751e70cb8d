import net from "node:net";
import { networkInterfaces } from "node:os";
import tls from "node:tls";
import type { Client } from "@xmpp/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseHostMap } from "@/lib/config";
import { connect, type ConnectOptions } from "./connect";
import { describeConnectError, describeStanzaError, XmppFailure } from "./errors";
import type { XmppDns } from "./server-addresses";
import { startRogueServer, type RogueOptions, type RogueServer } from "./testing/rogue-server";
import { TEST_TLS_CERT, TEST_TLS_KEY } from "./testing/tls-fixture";

/**
 * Real connections from `connect` to a real (hostile) server on this machine: on loopback,
 * and on this machine's own non-loopback address when it has one, where TLS is required.
 */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

const lanAddress6 = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv6" && !i.internal && !i.address.startsWith("fe80"))?.address;

const noDns: XmppDns = {
  resolveSrv: () => Promise.reject(new Error("no DNS in this test")),
  resolve4: () => Promise.reject(new Error("no DNS in this test")),
  resolve6: () => Promise.reject(new Error("no DNS in this test")),
} as unknown as XmppDns;

const servers: RogueServer[] = [];
const clients: Client[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(clients.splice(0).map((c) => c.stop().catch(() => {})));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function rogue(host: string, options: Partial<RogueOptions> = {}): Promise<RogueServer> {
  const server = await startRogueServer({ host, port: 0, domain: "tls.test", ...options });
  servers.push(server);
  return server;
}

async function signIn(
  server: RogueServer,
  host: string,
  options: Partial<ConnectOptions> = {},
): Promise<Client> {
  const client = await connect({
    jid: "m@tls.test",
    password: "secret",
    hosts: parseHostMap(`tls.test=${host}:${server.port},other.test=${host}:${server.port}`),
    allowPlainOnLoopback: true,
    dns: noDns,
    timeoutMs: 10_000,
    ...options,
  });
  clients.push(client);
  return client;
}

async function refusal(promise: Promise<unknown>): Promise<XmppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof XmppFailure)) throw new Error(`not refused: ${String(error)}`);
  return error;
}

/** Makes Node trust the test certificate for the next TLS connections (and only it). */
function trustTestCertificate() {
  const original = tls.connect;
  vi.spyOn(tls, "connect").mockImplementation(((options: tls.ConnectionOptions) =>
    original({ ...options, ca: TEST_TLS_CERT })) as typeof tls.connect);
}

describe("connect on loopback", () => {
  it("signs in with PLAIN where the test servers allow it", async () => {
    const client = await signIn(await rogue("127.0.0.1"), "127.0.0.1");
    expect(String(client.jid)).toMatch(/^m@tls\.test\//);
  });

  it("signs in with SCRAM when the server proves it knows the password", async () => {
    const server = await rogue("127.0.0.1", { scram: { signature: "right", password: "secret" } });
    await signIn(server, "127.0.0.1");
    expect(server.auths).toEqual(["SCRAM-SHA-1"]);
  });

  it("reads the server's signature from a last challenge, as RFC 3920 servers send it", async () => {
    const server = await rogue("127.0.0.1", {
      scram: { signature: "right", password: "secret", finalAsChallenge: true },
    });
    await signIn(server, "127.0.0.1");
    const relay = await rogue("127.0.0.1", {
      scram: { signature: "wrong", finalAsChallenge: true },
    });
    expect((await refusal(signIn(relay, "127.0.0.1"))).message).toMatch(
      /its server signature is wrong/,
    );
  });

  it.each([
    ["wrong", /did not prove that it knows your password \(its server signature is wrong\)/],
    ["none", /did not prove that it knows your password \(it sent no server signature\)/],
  ] as const)(
    "refuses a SCRAM success with a %s signature (a relay)",
    async (signature, message) => {
      const server = await rogue("127.0.0.1", { scram: { signature } });
      const failure = await refusal(signIn(server, "127.0.0.1"));
      expect(failure.kind).toBe("insecure");
      expect(failure.message).toMatch(message);
    },
  );

  it("refuses a server that skips authentication, or binds another account", async () => {
    const open = await rogue("127.0.0.1", { skipAuthentication: true });
    expect((await refusal(signIn(open, "127.0.0.1"))).message).toMatch(
      /let Pubforge in without checking a password/,
    );
    const other = await rogue("127.0.0.1", { bindAs: "alice@a.test" });
    expect((await refusal(signIn(other, "127.0.0.1"))).message).toMatch(
      /signed you in as “alice@a.test”, not as the address you gave/,
    );
  });

  it("refuses an IP address as the domain before connecting anywhere", async () => {
    const server = await rogue("127.0.0.1");
    const failure = await refusal(
      connect({ jid: "someone@127.0.0.1", password: "x", hosts: {}, dns: noDns }),
    );
    expect(failure.message).toMatch(/“127.0.0.1” is an IP address, not an XMPP domain/);
    expect(server.auths).toEqual([]);
  });

  it("does not follow a see-other-host redirect to an address nobody checked", async () => {
    const server = await rogue("127.0.0.1", { seeOtherHost: "10.0.0.1:22" });
    const connectTo = vi.spyOn(net.Socket.prototype, "connect");
    const failure = await refusal(signIn(server, "127.0.0.1"));
    expect(failure.message).toBe(
      "The XMPP server for “tls.test” asked Pubforge to go to another address, which it does not do. Check the part after the @.",
    );
    const hosts = connectTo.mock.calls.map(
      ([options]) => (options as unknown as net.TcpNetConnectOpts).host,
    );
    expect(hosts).toEqual(["127.0.0.1"]);
  });

  it("keeps the sign-in deadline against a server that accepts and says nothing", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const failure = await refusal(
      connect({
        jid: "m@tls.test",
        password: "x",
        hosts: parseHostMap(`tls.test=127.0.0.1:${port}`),
        timeoutMs: 300,
      }),
    );
    expect(failure.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1_000);
    silent.close();
  });
});

describe.skipIf(!lanAddress)(`connect off loopback (${lanAddress})`, () => {
  const host = lanAddress!;

  it("refuses a server that offers no STARTTLS, before any password is sent", async () => {
    const server = await rogue(host);
    const failure = await refusal(signIn(server, host));
    expect(failure.kind).toBe("insecure");
    expect(failure.message).toBe(
      "“tls.test” does not offer encryption; Pubforge will not send your password in the clear.",
    );
    expect(server.auths).toEqual([]);
  });

  it("refuses a certificate Node cannot verify, or one of another name", async () => {
    const untrusted = await rogue(host, { tls: { key: TEST_TLS_KEY, cert: TEST_TLS_CERT } });
    const failure = await refusal(signIn(untrusted, host));
    expect(failure.kind).toBe("insecure");
    expect(failure.message).toMatch(
      /could not set up a verified encrypted connection \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/,
    );
    expect(untrusted.auths).toEqual([]);

    trustTestCertificate();
    const misnamed = await refusal(signIn(untrusted, host, { jid: "m@other.test" }));
    expect(misnamed.message).toMatch(/\(ERR_TLS_CERT_ALTNAME_INVALID\)/);
    expect(untrusted.auths).toEqual([]);
  });

  it("signs in over verified TLS with SCRAM, never PLAIN, and checks the server's signature", async () => {
    trustTestCertificate();
    const tlsOptions = { key: TEST_TLS_KEY, cert: TEST_TLS_CERT };
    const honest = await rogue(host, {
      tls: tlsOptions,
      scram: { signature: "right", password: "secret" },
    });
    const client = await signIn(honest, host);
    expect(client.isSecure()).toBe(true);
    expect(honest.auths).toEqual(["SCRAM-SHA-1"]);

    // This one offers PLAIN too (and fails every SCRAM attempt): the password is not sent.
    const plainOffered = await rogue(host, { tls: tlsOptions });
    expect((await refusal(signIn(plainOffered, host))).kind).toBe("not-authorized");
    expect(plainOffered.auths).toEqual(["SCRAM-SHA-1"]);

    const relay = await rogue(host, { tls: tlsOptions, scram: { signature: "wrong" } });
    expect((await refusal(signIn(relay, host))).message).toMatch(/did not prove/);
  });
});

describe("connect through DNS", () => {
  const dns = {
    resolveSrv: () =>
      Promise.resolve([
        { name: "first.example.org", port: 5222, priority: 1, weight: 0 },
        { name: "second.example.org", port: 5269, priority: 2, weight: 0 },
      ]),
    resolve4: (name: string) =>
      Promise.resolve(name === "first.example.org" ? ["93.184.216.34"] : ["93.184.216.35"]),
    resolve6: () => Promise.reject(Object.assign(new Error("none"), { code: "ENODATA" })),
  } as unknown as XmppDns;

  /** Where sockets were told to connect; none leaves this machine. */
  function fakeSockets(answer: (host: string) => { host: string; port: number } | "refuse") {
    const attempts: string[] = [];
    const original = net.Socket.prototype.connect;
    vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (
      this: net.Socket,
      options: unknown,
    ) {
      const { host, port } = options as net.TcpNetConnectOpts;
      attempts.push(`${host}:${port}`);
      const target = answer(String(host));
      if (target !== "refuse") return (original as (o: object) => net.Socket).call(this, target);
      setImmediate(() =>
        this.destroy(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })),
      );
      return this;
    } as typeof net.Socket.prototype.connect);
    return attempts;
  }

  it("tries SRV targets in order while connections fail", async () => {
    const attempts = fakeSockets(() => "refuse");
    const failure = await refusal(
      connect({ jid: "m@example.org", password: "x", hosts: {}, dns, timeoutMs: 5_000 }),
    );
    expect(failure.kind).toBe("unreachable");
    expect(attempts).toEqual(["93.184.216.34:5222", "93.184.216.35:5269"]);
  });

  it("stops at the first server that answers: its refusal is the answer", async () => {
    const server = await rogue("127.0.0.1", { domain: "example.org" });
    const attempts = fakeSockets(() => ({ host: "127.0.0.1", port: server.port }));
    const failure = await refusal(
      connect({ jid: "m@example.org", password: "x", hosts: {}, dns, timeoutMs: 5_000 }),
    );
    // Reached through a public address, so TLS is required, and this server has none.
    expect(failure.message).toMatch(/does not offer encryption/);
    expect(attempts).toEqual(["93.184.216.34:5222"]);
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
  it("says a failed TLS setup is why no password was sent", () => {
    for (const code of [
      "CERT_HAS_EXPIRED",
      "ERR_TLS_CERT_ALTNAME_INVALID",
      "ERR_SSL_WRONG_VERSION_NUMBER",
    ]) {
      expect(describeConnectError({ code }, "a.example").kind).toBe("insecure");
    }
    expect(describeConnectError(new Error("STARTTLS_FAILURE"), "a.example").message).toMatch(
      /could not set up a verified encrypted connection \(STARTTLS refused\)/,
    );
  });
  it("maps pubsub refusals to a permission message", () => {
    const failure = describeStanzaError({ condition: "forbidden" }, "publish a ticket");
    expect(failure.kind).toBe("forbidden");
    expect(failure.message).toMatch(/refused to publish a ticket/);
  });
  it("rejects a malformed host map, and reads IPv6 pins", () => {
    expect(() => parseHostMap("a.test")).toThrow(/domain=host:port/);
    expect(parseHostMap("a.test=[::1]:5223,b.test=host")).toEqual({
      "a.test": { host: "::1", port: 5223 },
      "b.test": { host: "host", port: 5222 },
    });
  });
});

describe.skipIf(!lanAddress6)(`connect to an IPv6 address (${lanAddress6})`, () => {
  it("opens the stream on the very address pinned, brackets and all", async () => {
    trustTestCertificate();
    const tlsOptions = { key: TEST_TLS_KEY, cert: TEST_TLS_CERT };
    const server = await rogue(lanAddress6!, {
      tls: tlsOptions,
      scram: { signature: "right", password: "secret" },
    });
    const client = await signIn(server, `[${lanAddress6}]`);
    expect(client.isSecure()).toBe(true);
  });
});
