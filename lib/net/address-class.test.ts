import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forbiddenAddress } from "./address-class";

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = (first: fc.Arbitrary<number>, second: fc.Arbitrary<number> = octet) =>
  fc.tuple(first, second, octet, octet).map((parts) => parts.join("."));
const hex = (n: number) => n.toString(16);
/** The IPv4 address written as the low 32 bits of an IPv6 address, in hex groups. */
const low32 = (address: string) => {
  const [a, b, c, d] = address.split(".").map(Number) as [number, number, number, number];
  return `${hex(a * 256 + b)}:${hex(c * 256 + d)}`;
};

describe("forbiddenAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "shared (CGNAT)"],
    ["169.254.169.254", "link-local"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fd00::1", "private"],
    ["fc12:3456::1", "private"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:c0a8:0101::1", "private"],
    ["not an address", "reserved"],
  ])("%s is %s", (address, why) => {
    expect(forbiddenAddress(address)).toBe(why);
  });

  it.each(["93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(forbiddenAddress(address)).toBeUndefined();
    },
  );

  it("refuses all of 10/8, 127/8, 192.168/16, 169.254/16 and 100.64/10, however written", () => {
    const forbidden = fc.oneof(
      ipv4(fc.constant(10)),
      ipv4(fc.constant(127)),
      ipv4(fc.constant(192), fc.constant(168)),
      ipv4(fc.constant(169), fc.constant(254)),
      ipv4(fc.constant(100), fc.integer({ min: 64, max: 127 })),
      ipv4(fc.constant(172), fc.integer({ min: 16, max: 31 })),
    );
    fc.assert(
      fc.property(forbidden, (address) => {
        for (const form of [address, `::ffff:${address}`, `::ffff:${low32(address)}`]) {
          expect(forbiddenAddress(form)).toBeDefined();
        }
      }),
    );
  });

  it("classifies an IPv4 address and its IPv4-mapped IPv6 form alike", () => {
    fc.assert(
      fc.property(ipv4(octet), (address) => {
        expect(forbiddenAddress(`::ffff:${low32(address)}`)).toBe(forbiddenAddress(address));
      }),
    );
  });

  it("never calls a unique-local or link-local IPv6 address public", () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map(hex);
    const address = fc.tuple(
      fc.oneof(fc.integer({ min: 0xfc00, max: 0xfdff }), fc.integer({ min: 0xfe80, max: 0xfebf })),
      fc.array(group, { minLength: 7, maxLength: 7 }),
    );
    fc.assert(
      fc.property(address, ([first, rest]) => {
        expect(forbiddenAddress([hex(first), ...rest].join(":"))).toBeDefined();
      }),
    );
  });
});
