import type { SrvRecord } from "node:dns";
import { describe, expect, it } from "vitest";
import { parseHostMap } from "@/lib/config";
import { XmppFailure } from "./errors";
import { orderSrv, serverAddresses, type XmppDns } from "./server-addresses";

const hosts = parseHostMap(
  "a.test=127.0.0.2:5222,b.test=[::1]:5222,c.test=localhost:5222,lan.test=192.0.2.2:15222,127.0.0.9=127.0.0.9:5222",
);

const notFound = () =>
  Promise.reject(Object.assign(new Error("queryA ENOTFOUND"), { code: "ENOTFOUND" }));

/** A zone in memory; names it does not hold are ENOTFOUND, as c-ares reports them. */
function fakeDns(zone: {
  srv?: Record<string, SrvRecord[]>;
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
  fail?: string;
}): XmppDns & { asked: string[] } {
  const asked: string[] = [];
  const answer = <T>(table: Record<string, T[]> | undefined, name: string): Promise<T[]> => {
    asked.push(name);
    if (zone.fail) return Promise.reject(Object.assign(new Error(zone.fail), { code: zone.fail }));
    return table?.[name] ? Promise.resolve(table[name]) : notFound();
  };
  return {
    asked,
    resolveSrv: (name: string) => answer(zone.srv, name),
    resolve4: ((name: string) => answer(zone.a, name)) as XmppDns["resolve4"],
    resolve6: ((name: string) => answer(zone.aaaa, name)) as XmppDns["resolve6"],
  };
}

const srv = (name: string, port: number, priority = 0, weight = 0): SrvRecord => ({
  name,
  port,
  priority,
  weight,
});

async function refusal(domain: string, dns: XmppDns = fakeDns({})): Promise<XmppFailure> {
  const error = await serverAddresses(domain, { hosts, dns }).catch((e: unknown) => e);
  if (!(error instanceof XmppFailure)) throw new Error(`${domain} was not refused`);
  return error;
}

describe("serverAddresses: pinned domains", () => {
  it("go to their pinned host without DNS, loopback ones marked as such", async () => {
    const dns = fakeDns({});
    expect(await serverAddresses("a.test", { hosts, dns })).toEqual([
      { address: "127.0.0.2", port: 5222, loopback: true },
    ]);
    expect((await serverAddresses("B.TEST", { hosts, dns }))[0]?.loopback).toBe(true);
    expect((await serverAddresses("c.test", { hosts, dns }))[0]?.loopback).toBe(true);
    expect(await serverAddresses("lan.test", { hosts, dns })).toEqual([
      { address: "192.0.2.2", port: 15222, loopback: false },
    ]);
    expect(dns.asked).toEqual([]);
  });

  it("may even be IP addresses, when the operator pins them", async () => {
    expect(await serverAddresses("127.0.0.9", { hosts, dns: fakeDns({}) })).toHaveLength(1);
  });
});

describe("serverAddresses: refused before any lookup", () => {
  it.each(["127.0.0.1", "[::1]", "::1", "10.0.0.1", "8.8.8.8", "[2001:db8::1]"])(
    "an IP address as the domain (%s)",
    async (domain) => {
      const dns = fakeDns({});
      const failure = await refusal(domain, dns);
      expect(failure.kind).toBe("refused-address");
      expect(failure.message).toMatch(/is an IP address, not an XMPP domain/);
      expect(dns.asked).toEqual([]);
    },
  );

  it.each(["localhost", "LOCALHOST.", "db.localhost", "intranet"])(
    "a local name (%s)",
    async (domain) => {
      const dns = fakeDns({});
      expect((await refusal(domain, dns)).message).toMatch(/is a local name/);
      expect(dns.asked).toEqual([]);
    },
  );
});

describe("serverAddresses: DNS", () => {
  it("follows SRV targets in priority order, each on its own port", async () => {
    const dns = fakeDns({
      srv: {
        "_xmpp-client._tcp.example.org": [
          srv("backup.example.org", 5223, 20),
          srv("xmpp.example.org", 5222, 10),
        ],
      },
      a: { "xmpp.example.org": ["203.0.113.9"], "backup.example.org": ["198.51.100.7"] },
      aaaa: { "xmpp.example.org": ["2001:4860::1"] },
    });
    // 203.0.113.0/24 and 198.51.100.0/24 are documentation ranges: refused as "reserved".
    expect((await refusal("example.org", dns)).message).toMatch(/leads to a reserved address/);

    const open = fakeDns({
      srv: {
        "_xmpp-client._tcp.example.org": [
          srv("backup.example.org", 5223, 20),
          srv("xmpp.example.org", 5222, 10),
        ],
      },
      a: { "xmpp.example.org": ["93.184.216.34"], "backup.example.org": ["93.184.216.35"] },
      aaaa: { "xmpp.example.org": ["2606:2800:220:1::1"] },
    });
    expect(await serverAddresses("example.org", { hosts, dns: open })).toEqual([
      { address: "93.184.216.34", port: 5222, loopback: false },
      { address: "2606:2800:220:1::1", port: 5222, loopback: false },
      { address: "93.184.216.35", port: 5223, loopback: false },
    ]);
  });

  it("falls back to the domain's own addresses on 5222 without SRV, or when SRV fails", async () => {
    const a = { "example.org": ["93.184.216.34"] };
    for (const dns of [fakeDns({ a }), { ...fakeDns({ a }), resolveSrv: () => notFound() }]) {
      expect(await serverAddresses("example.org", { hosts, dns })).toEqual([
        { address: "93.184.216.34", port: 5222, loopback: false },
      ]);
    }
    const srvDown = fakeDns({ a });
    srvDown.resolveSrv = () => Promise.reject(Object.assign(new Error("x"), { code: "ESERVFAIL" }));
    expect(await serverAddresses("example.org", { hosts, dns: srvDown })).toHaveLength(1);
  });

  it('takes a lone "." target to mean the domain has no XMPP service', async () => {
    const dns = fakeDns({
      srv: { "_xmpp-client._tcp.example.org": [srv(".", 0)] },
      a: { "example.org": ["93.184.216.34"] },
    });
    const failure = await refusal("example.org", dns);
    expect(failure.kind).toBe("unknown-domain");
    expect(failure.message).toMatch(/has no XMPP service/);
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["169.254.169.254", "link-local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["fe80::1", "link-local"],
    ["fd00::2", "private"],
  ])("refuses a name that leads to %s (%s), even among public ones", async (address, why) => {
    const six = address.includes(":");
    const dns = fakeDns({
      srv: { "_xmpp-client._tcp.evil.example": [srv("inside.evil.example", 22)] },
      a: { "inside.evil.example": six ? ["93.184.216.34"] : [address] },
      aaaa: { "inside.evil.example": six ? [address] : ["2606:2800:220:1::1"] },
    });
    const failure = await refusal("evil.example", dns);
    expect(failure.kind).toBe("refused-address");
    expect(failure.message).toBe(
      `“evil.example” leads to a ${why} address, which Pubforge does not connect to. Sign in with an account on a public XMPP server.`,
    );
    // The same through the domain's own address record.
    const direct = fakeDns({ a: { "evil.example": [address] } });
    expect((await refusal("evil.example", direct)).kind).toBe("refused-address");
  });

  it("tells a domain without addresses from a DNS failure", async () => {
    expect((await refusal("nowhere.example")).kind).toBe("unknown-domain");
    const failure = await refusal("example.org", fakeDns({ fail: "ETIMEOUT" }));
    expect(failure.kind).toBe("unreachable");
    expect(failure.message).toMatch(/Could not look up “example.org” in DNS \(ETIMEOUT\)/);
  });

  it("tries a bounded number of targets and addresses, however many the zone lists", async () => {
    const many = Array.from({ length: 200 }, (_, i) => srv(`t${i}.example.org`, 5222, i));
    const a = Object.fromEntries(
      many.map((r, i) => [r.name, [`93.184.${i}.1`, `93.184.${i}.2`, `93.184.${i}.3`]]),
    );
    const dns = fakeDns({ srv: { "_xmpp-client._tcp.example.org": many }, a });
    const found = await serverAddresses("example.org", { hosts, dns });
    expect(found.length).toBeLessThanOrEqual(8);
    expect(dns.asked.length).toBeLessThanOrEqual(1 + 2 * 4);
  });
});

describe("orderSrv (RFC 2782)", () => {
  const records = [srv("c", 1, 2, 0), srv("a", 1, 1, 90), srv("b", 1, 1, 10), srv("z", 1, 1, 0)];

  it("puts lower priorities first, whatever the weights", () => {
    for (const r of [0, 0.5, 0.999]) {
      expect(orderSrv(records, () => r).at(-1)?.name).toBe("c");
    }
  });

  it("draws within a priority in proportion to weight", () => {
    const first = (r: number) => orderSrv(records, () => r)[0]?.name;
    // Running sums in the RFC's order (zero weight first): z 0, a 90, b 100; pick in 0..100.
    expect(first(0)).toBe("z");
    expect(first(0.5)).toBe("a");
    expect(first(0.95)).toBe("b");
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const counts: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) {
      const name = orderSrv(records, random)[0]!.name;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    expect(counts.a! / 2000).toBeGreaterThan(0.8);
    expect(counts.b! / 2000).toBeGreaterThan(0.05);
  });

  it("keeps every record exactly once", () => {
    expect(
      orderSrv(records, Math.random)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["a", "b", "c", "z"]);
  });
});
