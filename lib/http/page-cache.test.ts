import { describe, expect, it } from "vitest";
import {
  cutAtNonce,
  DEFAULT_PAGE_CACHE_LIMITS,
  joinWithNonce,
  nonceOfPolicy,
  PageCache,
  pageCacheKey,
  withNonce,
  type CachedPage,
} from "./page-cache";

function page(body: string, current = () => true, storedAt = 0): CachedPage {
  return {
    status: 200,
    headers: [["content-type", "text/html; charset=utf-8"]],
    html: [Buffer.from(body)],
    nonce: undefined,
    offer: { isCurrent: current },
    storedAt,
  };
}

describe("PageCache", () => {
  it("answers a kept page while its offer says it is current, and drops it after", () => {
    const cache = new PageCache();
    let current = true;
    cache.keep(
      "a",
      page("<p>a</p>", () => current),
    );
    expect(cache.current("a", 1)?.html.join("")).toBe("<p>a</p>");
    current = false;
    expect(cache.current("a", 2)).toBeUndefined();
    current = true;
    expect(cache.current("a", 3)).toBeUndefined(); // dropped, not merely hidden
  });

  it("forgets a page older than maxAgeMs, however current its offer says it is", () => {
    const cache = new PageCache({ ...DEFAULT_PAGE_CACHE_LIMITS, maxAgeMs: 1000 });
    cache.keep(
      "a",
      page("x", () => true, 5000),
    );
    expect(cache.current("a", 6000)?.html.join("")).toBe("x");
    expect(cache.current("a", 6001)).toBeUndefined();
  });

  it("does not keep a page that is stale already, or larger than maxPageBytes", () => {
    const cache = new PageCache({ ...DEFAULT_PAGE_CACHE_LIMITS, maxPageBytes: 20 });
    cache.keep(
      "stale",
      page("x", () => false),
    );
    cache.keep("big", page("x".repeat(21)));
    cache.keep("small", page("x".repeat(20)));
    expect(cache.size).toBe(1);
    expect(cache.current("small", 0)).toBeDefined();
  });

  it("lets the least recently used pages go past maxPages or maxBytes", () => {
    const cache = new PageCache({ ...DEFAULT_PAGE_CACHE_LIMITS, maxPages: 2, maxBytes: 40 });
    cache.keep("a", page("a"));
    cache.keep("b", page("b"));
    cache.current("a", 0); // a used last: b goes first
    cache.keep("c", page("c"));
    expect(
      [cache.current("a", 0), cache.current("b", 0), cache.current("c", 0)].map(Boolean),
    ).toEqual([true, false, true]);
    cache.keep("d", page("d".repeat(40))); // 40 bytes: with a (1) and c (1), over 40
    expect(cache.current("d", 0)).toBeDefined();
    expect(cache.size).toBe(1);
  });

  it("gives an offer once, and holds at most maxOffers waiting", () => {
    const cache = new PageCache({ ...DEFAULT_PAGE_CACHE_LIMITS, maxOffers: 1 });
    const offer = { isCurrent: () => true };
    cache.offer("r1", offer);
    cache.offer("r2", offer);
    expect(cache.takeOffer("r2")).toBeUndefined();
    expect(cache.takeOffer("r1")).toBe(offer);
    expect(cache.takeOffer("r1")).toBeUndefined();
  });
});

describe("pageCacheKey", () => {
  it("tells apart the same URL asked with another Host or forwarded origin", () => {
    const key = (headers: Record<string, string>) =>
      pageCacheKey("/p/s/x/tickets", (n) => headers[n]);
    const plain = key({ host: "forge.example" });
    expect(key({ host: "evil.example" })).not.toBe(plain);
    expect(key({ host: "forge.example", "x-forwarded-host": "evil.example" })).not.toBe(plain);
    expect(key({ host: "forge.example", "x-forwarded-proto": "https" })).not.toBe(plain);
    expect(key({ host: "forge.example", accept: "text/html" })).toBe(plain);
  });
});

describe("nonces", () => {
  const nonce = Buffer.from("0f8e7b1c-5d0b-4d0e-9a55-3f2f1c6b7a10").toString("base64");

  it("finds the nonce of the policy security-headers.ts writes", () => {
    expect(
      nonceOfPolicy(`default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`),
    ).toBe(nonce);
    expect(nonceOfPolicy("default-src 'self'")).toBeUndefined();
    expect(nonceOfPolicy(undefined)).toBeUndefined();
  });

  it("replaces every occurrence of the old nonce, in a header and in the HTML", () => {
    const html = `<script nonce="${nonce}">a</script><script nonce="${nonce}">b</script>${nonce}`;
    const fresh = `<script nonce="FRESH">a</script><script nonce="FRESH">b</script>FRESH`;
    expect(withNonce(html, nonce, "FRESH")).toBe(fresh);
    expect(withNonce(html, undefined, "FRESH")).toBe(html);
    const parts = cutAtNonce(Buffer.from(html), nonce);
    expect(parts).toHaveLength(4);
    expect(joinWithNonce(parts, "FRESH").toString()).toBe(fresh);
    expect(joinWithNonce(cutAtNonce(Buffer.from(html), undefined), "FRESH").toString()).toBe(html);
  });
});
