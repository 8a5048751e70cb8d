import { isIPv4, isIPv6 } from "node:net";

/** Why an address is not one Pubforge fetches repositories from. */
export type ForbiddenAddress =
  | "unspecified"
  | "loopback"
  | "private"
  | "shared (CGNAT)"
  | "link-local"
  | "multicast"
  | "reserved";

type Range = readonly [prefix: bigint, bits: number, why: ForbiddenAddress];

const v4 = (text: string) => text.split(".").reduce((n, part) => (n << 8n) | BigInt(part), 0n);

// IANA's special-purpose registries, less the few ranges that are globally reachable.
const IPV4_RANGES: readonly Range[] = [
  [v4("0.0.0.0"), 8, "unspecified"],
  [v4("10.0.0.0"), 8, "private"],
  [v4("100.64.0.0"), 10, "shared (CGNAT)"],
  [v4("127.0.0.0"), 8, "loopback"],
  [v4("169.254.0.0"), 16, "link-local"],
  [v4("172.16.0.0"), 12, "private"],
  [v4("192.0.0.0"), 24, "reserved"],
  [v4("192.0.2.0"), 24, "reserved"],
  [v4("192.168.0.0"), 16, "private"],
  [v4("198.18.0.0"), 15, "reserved"],
  [v4("198.51.100.0"), 24, "reserved"],
  [v4("203.0.113.0"), 24, "reserved"],
  [v4("224.0.0.0"), 4, "multicast"],
  [v4("240.0.0.0"), 4, "reserved"],
];

const IPV6_RANGES: readonly Range[] = [
  [0n, 128, "unspecified"],
  [1n, 128, "loopback"],
  [0x0100n << 112n, 64, "reserved"], // discard-only
  [0x20010db8n << 96n, 32, "reserved"], // documentation
  [0xfc00n << 112n, 7, "private"], // unique local
  [0xfe80n << 112n, 10, "link-local"],
  [0xfec0n << 112n, 10, "private"], // site-local, deprecated but still routed by some
  [0xff00n << 112n, 8, "multicast"],
];

// IPv6 forms that carry an IPv4 address, which is what a connection to them reaches: prefix,
// prefix length, and how far the IPv4 address is shifted from the low end.
const EMBEDDED_IPV4: readonly (readonly [prefix: bigint, bits: number, shift: bigint])[] = [
  [0xffffn << 32n, 96, 0n], // IPv4-mapped ::ffff:a.b.c.d
  [0n, 96, 0n], // IPv4-compatible ::a.b.c.d (deprecated)
  [0x64ff9bn << 96n, 96, 0n], // NAT64
  [0x2002n << 112n, 16, 80n], // 6to4
];

const inRange = (value: bigint, width: number, prefix: bigint, bits: number) =>
  value >> BigInt(width - bits) === prefix >> BigInt(width - bits);

function ipv6Value(text: string): bigint {
  let groups = text.toLowerCase().split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups)?.[1];
  if (dotted) {
    const n = v4(dotted);
    groups = `${groups.slice(0, -dotted.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = groups.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const all =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return all.reduce((n, group) => (n << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/**
 * Why `address` (an IP literal) is not public, or undefined when it is; anything that is not
 * an IP address at all is "reserved", so nothing unparsed is ever taken as public.
 */
export function forbiddenAddress(address: string): ForbiddenAddress | undefined {
  const bare = address.replace(/^\[|\]$/g, "");
  if (isIPv4(bare)) {
    const value = v4(bare);
    return IPV4_RANGES.find(([prefix, bits]) => inRange(value, 32, prefix, bits))?.[2];
  }
  if (!isIPv6(bare)) return "reserved";
  const value = ipv6Value(bare);
  if (value > 1n) {
    for (const [prefix, bits, shift] of EMBEDDED_IPV4) {
      if (inRange(value, 128, prefix, bits)) {
        const ipv4 = (value >> shift) & 0xffffffffn;
        return forbiddenAddress([24n, 16n, 8n, 0n].map((s) => (ipv4 >> s) & 0xffn).join("."));
      }
    }
  }
  return IPV6_RANGES.find(([prefix, bits]) => inRange(value, 128, prefix, bits))?.[2];
}
