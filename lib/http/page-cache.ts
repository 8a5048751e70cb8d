/**
 * Pages rendered for anonymous visitors of open projects, kept and served again without
 * rendering, as Discourse's anonymous cache does. Rendering a page (React, twice over: the
 * server components, then their HTML) costs 10-25 ms of CPU; a public project linked from
 * somewhere busy is read by many people who see the same page, and what they see can only
 * change when the project does.
 *
 * Nothing is cached unless the page itself offered it (page-cache-offer.ts: the viewer is
 * anonymous and the project open, after the usual access check), and an offered page stays
 * only while its own check says it is current (the project's change count and its home's
 * reachability as when it was rendered) and for at most `maxAgeMs`, which bounds what no count
 * tracks. The server glue (page-cache-server.ts) decides which requests may be answered from
 * here and gives every answer a fresh CSP nonce.
 */

/** Set by the server on the requests it may keep the answer of; the page offers under it. */
export const PAGE_OFFER_HEADER = "x-pubforge-page-offer";

export interface PageOffer {
  /** Whether what the page was rendered from is still what it would be rendered from now. */
  isCurrent(): boolean;
}

export interface CachedPage {
  status: number;
  /** The response's headers as the renderer sent them (no hop-by-hop, length or encoding). */
  headers: [string, string][];
  /**
   * The HTML, uncompressed, cut where the CSP nonce it was rendered with stood: an answer is
   * these parts joined by a fresh nonce (`joinWithNonce`).
   */
  html: Buffer[];
  /** That nonce, also in the policy header, which gets the fresh one too (`withNonce`). */
  nonce: string | undefined;
  offer: PageOffer;
  storedAt: number;
}

export interface PageCacheLimits {
  maxPages: number;
  maxBytes: number;
  maxPageBytes: number;
  maxAgeMs: number;
  /** Offers waiting for their response to end (one per request being rendered). */
  maxOffers: number;
}

export const DEFAULT_PAGE_CACHE_LIMITS: PageCacheLimits = {
  maxPages: 512,
  maxBytes: 64 * 1024 * 1024,
  maxPageBytes: 2 * 1024 * 1024,
  maxAgeMs: 30_000,
  maxOffers: 1024,
};

export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly offers = new Map<string, PageOffer>();
  private bytes = 0;

  constructor(readonly limits: PageCacheLimits = DEFAULT_PAGE_CACHE_LIMITS) {}

  /** A page's offer to keep the response of the request marked `renderId`. */
  offer(renderId: string, offer: PageOffer): void {
    if (this.offers.size < this.limits.maxOffers) this.offers.set(renderId, offer);
  }

  /** The offer made for `renderId`, once: the server takes it when the response ends. */
  takeOffer(renderId: string): PageOffer | undefined {
    const offer = this.offers.get(renderId);
    this.offers.delete(renderId);
    return offer;
  }

  /** The page kept under `key`, if it is still current; a stale one is dropped. */
  current(key: string, now: number): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (now - page.storedAt > this.limits.maxAgeMs || !page.offer.isCurrent()) {
      this.drop(key);
      return undefined;
    }
    this.pages.delete(key); // re-inserted last: the least recently used goes first
    this.pages.set(key, page);
    return page;
  }

  keep(key: string, page: CachedPage): void {
    const size = pageBytes(page);
    if (size > this.limits.maxPageBytes || !page.offer.isCurrent()) return;
    this.drop(key);
    this.pages.set(key, page);
    this.bytes += size;
    while (this.pages.size > this.limits.maxPages || this.bytes > this.limits.maxBytes) {
      this.drop(this.pages.keys().next().value!);
    }
  }

  get size(): number {
    return this.pages.size;
  }

  private drop(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= pageBytes(page);
  }
}

function pageBytes(page: CachedPage): number {
  return page.html.reduce((sum, part) => sum + part.length, 0);
}

/**
 * The request headers a page's HTML depends on besides its URL: the origin it shows in clone
 * addresses (origin.ts) comes from them when no public origin is configured. Left out of the
 * key, a request with a forged Host would poison the page everyone else is served.
 */
const KEYED_HEADERS = ["host", "x-forwarded-host", "x-forwarded-proto"] as const;

export function pageCacheKey(url: string, header: (name: string) => string | undefined): string {
  return [url, ...KEYED_HEADERS.map((name) => header(name) ?? "")].join("\n");
}

/** `html` cut at every occurrence of `nonce` (one part when there is none). */
export function cutAtNonce(html: Buffer, nonce: string | undefined): Buffer[] {
  if (!nonce) return [html];
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = html.indexOf(nonce); at !== -1; at = html.indexOf(nonce, from)) {
    parts.push(html.subarray(from, at));
    from = at + nonce.length;
  }
  parts.push(html.subarray(from));
  return parts;
}

export function joinWithNonce(parts: Buffer[], nonce: string): Buffer {
  const between = Buffer.from(nonce);
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [between, part])));
}

/** `text` (a header) with every occurrence of the old nonce replaced by a fresh one. */
export function withNonce(text: string, old: string | undefined, fresh: string): string {
  return old ? text.split(old).join(fresh) : text;
}

/** The nonce a Content-Security-Policy header allows scripts by (security-headers.ts). */
export function nonceOfPolicy(policy: string | undefined): string | undefined {
  return policy ? /'nonce-([A-Za-z0-9+/=]{16,128})'/.exec(policy)?.[1] : undefined;
}

const globalForPages = globalThis as unknown as { pubforgePageCache?: PageCache };

/** This process's cache: one object, whichever bundle (server glue or page) asks. */
export function pageCache(): PageCache {
  globalForPages.pubforgePageCache ??= new PageCache();
  return globalForPages.pubforgePageCache;
}
