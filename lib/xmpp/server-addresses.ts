import type { Resolver } from "node:dns/promises";
import { isIP } from "node:net";
import type { HostMap } from "@/lib/config";
import { forbiddenAddress } from "@/lib/net/address-class";
import { XmppFailure } from "./errors";

/** One place to open a client stream: an address already checked, and its port. */
export interface ServerAddress {
  readonly address: string;
  readonly port: number;
  /** On this machine (only a pinned domain can be): TLS and SCRAM are then not required. */
  readonly loopback: boolean;
}

/** The DNS queries finding a server needs; `dns.promises.Resolver` answers them. */
export type XmppDns = Pick<Resolver, "resolveSrv" | "resolve4" | "resolve6">;

export interface ResolveOptions {
  readonly hosts: HostMap;
  readonly dns: XmppDns;
  /** In [0, 1): chooses among SRV records of one priority by weight. */
  readonly random?: () => number;
}

// A hostile zone could list hundreds of targets; each costs a connection attempt.
const MAX_TARGETS = 4;
const MAX_ADDRESSES = 8;
const DEFAULT_PORT = 5222;

/**
 * Where the client stream of `domain` may be opened, best first (RFC 6120 §3.2.1): a host
 * pinned in PUBFORGE_XMPP_HOSTS, else `_xmpp-client._tcp` SRV targets in priority and weight
 * order, else the domain's own addresses on 5222. Anything unpinned must lead to public
 * addresses only, so that the sign-in form cannot be turned into a probe of this server's
 * network; an IP address or a local name is refused before any lookup.
 */
export async function serverAddresses(
  domain: string,
  { hosts, dns, random = Math.random }: ResolveOptions,
): Promise<ServerAddress[]> {
  const name = domain.toLowerCase().replace(/\.$/, "");
  const pinned = hosts[name];
  if (pinned) {
    return [{ address: pinned.host, port: pinned.port, loopback: isLoopbackHost(pinned.host) }];
  }
  refuseLiteralOrLocal(name);

  const records = await dns.resolveSrv(`_xmpp-client._tcp.${name}`).catch(() => []);
  if (records.length === 1 && (records[0]!.name === "." || records[0]!.name === "")) {
    throw new XmppFailure(
      "unknown-domain",
      `“${name}” says it has no XMPP service for its users. Check the part after the @.`,
    );
  }
  const targets = records.length
    ? orderSrv(records, random)
        .slice(0, MAX_TARGETS)
        .map(({ name: host, port }) => ({ host, port }))
    : [{ host: name, port: DEFAULT_PORT }];

  const found: ServerAddress[] = [];
  let lookupError: string | undefined;
  for (const target of targets) {
    const { addresses, error } = await addressesOf(target.host, dns);
    lookupError ??= error;
    for (const address of addresses) {
      const why = forbiddenAddress(address);
      if (why) {
        throw new XmppFailure(
          "refused-address",
          `“${name}” leads to a ${why} address, which Pubforge does not connect to. Sign in with an account on a public XMPP server.`,
        );
      }
      found.push({ address, port: target.port, loopback: false });
    }
  }
  if (found.length === 0 && lookupError) {
    throw new XmppFailure(
      "unreachable",
      `Could not look up “${name}” in DNS (${lookupError}). Try again in a moment.`,
    );
  }
  if (found.length === 0) {
    throw new XmppFailure(
      "unknown-domain",
      `No XMPP server could be found for “${name}”. Check the part after the @.`,
    );
  }
  return found.slice(0, MAX_ADDRESSES);
}

/** Whether a pinned host is this machine: a loopback address or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || forbiddenAddress(host) === "loopback";
}

function refuseLiteralOrLocal(name: string): void {
  if (isIP(name.replace(/^\[|\]$/g, "")) > 0) {
    throw new XmppFailure(
      "refused-address",
      `“${name}” is an IP address, not an XMPP domain. Sign in with an address like alice@example.org.`,
    );
  }
  if (name === "localhost" || name.endsWith(".localhost") || !name.includes(".")) {
    throw new XmppFailure(
      "refused-address",
      `“${name}” is a local name, not a public XMPP domain. Sign in with an address like alice@example.org.`,
    );
  }
}

/**
 * RFC 2782's order: lower priority first; within one priority, drawn at random in proportion
 * to weight (zero-weight records keep a small chance), so that load spreads as the zone asks.
 */
export function orderSrv<T extends { priority: number; weight: number }>(
  records: readonly T[],
  random: () => number,
): T[] {
  const ordered: T[] = [];
  const priorities = [...new Set(records.map((r) => r.priority))].sort((a, b) => a - b);
  for (const priority of priorities) {
    // Zero weights first, as the RFC's selection walk expects.
    const left = records
      .filter((r) => r.priority === priority)
      .sort((a, b) => Number(a.weight > 0) - Number(b.weight > 0));
    while (left.length) {
      const total = left.reduce((sum, r) => sum + r.weight, 0);
      const pick = Math.floor(random() * (total + 1));
      let running = 0;
      const index = left.findIndex((r) => (running += r.weight) >= pick);
      ordered.push(...left.splice(index < 0 ? 0 : index, 1));
    }
  }
  return ordered;
}

// What a resolver says of a name that exists without such records, or does not exist.
const NO_SUCH_RECORDS = new Set(["ENOTFOUND", "ENODATA"]);

/**
 * A host's IPv4 then IPv6 addresses (IPv4 first: many servers have no IPv6 route, and a failed
 * attempt costs time within the sign-in deadline), and the error code of a lookup that failed
 * for another reason than the name having none (a DNS server down, say).
 */
async function addressesOf(
  host: string,
  dns: XmppDns,
): Promise<{ addresses: string[]; error?: string }> {
  let error: string | undefined;
  const attempt = (query: Promise<string[]>) =>
    query.catch((failure: { code?: string }) => {
      if (!NO_SUCH_RECORDS.has(failure?.code ?? "")) error ??= failure?.code ?? "lookup failed";
      return [];
    });
  const [v4, v6] = await Promise.all([attempt(dns.resolve4(host)), attempt(dns.resolve6(host))]);
  return { addresses: [...v4, ...v6], error };
}
