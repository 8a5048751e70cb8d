import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onRequestError } from "@/instrumentation";
import { PAGE_OFFER_HEADER, PageCache, pageCache } from "./page-cache";
import { answerFromPageCache, PAGE_CACHE_STATUS_HEADER } from "./page-cache-server";
import { contentSecurityPolicy, newCspNonce } from "./security-headers";

/**
 * A real node:http server with the cache in front of a stand-in for Next.js: it renders a page
 * with a fresh nonce (in its policy and its script tags), offers it when told to, and counts
 * its renders. The offer's currency is a switch the test turns.
 */
let server: http.Server;
let origin: string;
let cache: PageCache;
let renders: number;
let offersSeen: (string | undefined)[];
let current: boolean;
let render: { offer: boolean; status: number; setCookie: boolean; gzip: boolean; type: string };

beforeEach(async () => {
  cache = new PageCache();
  renders = 0;
  offersSeen = [];
  current = true;
  render = {
    offer: true,
    status: 200,
    setCookie: false,
    gzip: false,
    type: "text/html; charset=utf-8",
  };
  server = http.createServer((request, response) => {
    if (answerFromPageCache(request, response, cache)) return;
    renders += 1;
    const renderId = request.headers[PAGE_OFFER_HEADER] as string | undefined;
    offersSeen.push(renderId);
    if (render.offer && renderId) cache.offer(renderId, { isCurrent: () => current });
    const nonce = newCspNonce();
    const html = `<html><script nonce="${nonce}">go()</script><p>render ${renders}</p></html>`;
    response.statusCode = render.status;
    response.setHeader("content-type", render.type);
    response.setHeader("content-security-policy", contentSecurityPolicy(nonce));
    response.setHeader("x-frame-options", "DENY");
    if (render.setCookie) response.setHeader("set-cookie", "a=b");
    // Streamed in two writes, as React does; compressed as Next.js does when asked.
    const body = render.gzip ? gzipSync(html) : Buffer.from(html);
    if (render.gzip) response.setHeader("content-encoding", "gzip");
    response.write(body.subarray(0, 10));
    response.end(body.subarray(10));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}${path}`, { headers });
  const body = await response.text();
  const nonce = /nonce="([^"]+)"/.exec(body)?.[1];
  return { response, body, nonce, status: response.headers.get(PAGE_CACHE_STATUS_HEADER) };
}

/** The second answer is kept only once the first response has closed on the server's side. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("answerFromPageCache", () => {
  it("answers an anonymous visitor's second visit from the cache, with a nonce of its own", async () => {
    const first = await get("/p/s/x/tickets");
    await settle();
    const second = await get("/p/s/x/tickets");
    expect([first.status, second.status, renders]).toEqual(["miss", "hit", 1]);
    expect(second.body.replace(second.nonce!, "N")).toBe(first.body.replace(first.nonce!, "N"));
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.response.headers.get("content-security-policy")).toContain(
      `'nonce-${second.nonce}'`,
    );
    expect(second.response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("renders again once the page's offer says it is no longer current", async () => {
    await get("/p/s/x/tickets");
    await settle();
    current = false;
    const after = await get("/p/s/x/tickets");
    expect([after.status, renders, after.body]).toEqual([
      "miss",
      2,
      expect.stringContaining("render 2"),
    ]);
  });

  it("keeps nothing the page did not offer", async () => {
    render.offer = false;
    await get("/p/s/x/tickets");
    await settle();
    expect((await get("/p/s/x/tickets")).status).toBe("miss");
    expect(renders).toBe(2);
  });

  it("never answers, nor keeps the answer of, a visitor with a session cookie", async () => {
    await get("/p/s/x/tickets");
    await settle();
    const signedIn = await get("/p/s/x/tickets", { cookie: "theme=dark; pubforge_session=abc" });
    expect([signedIn.status, renders]).toEqual([null, 2]);
    expect(offersSeen[1]).toBeUndefined(); // so the page cannot offer it
  });

  it("strips an offer header a client sends, so only the server marks what may be kept", async () => {
    await get("/p/s/x/tickets", { [PAGE_OFFER_HEADER]: "chosen-by-client" });
    await get("/p/s/x/settings-action", { [PAGE_OFFER_HEADER]: "x", cookie: "pubforge_session=1" });
    expect(offersSeen[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(offersSeen[1]).toBeUndefined();
  });

  it("keys pages by the Host and forwarded origin they were asked with", async () => {
    await get("/p/s/x/tickets", { "x-forwarded-host": "evil.example" });
    await settle();
    const other = await get("/p/s/x/tickets");
    expect([other.status, renders]).toEqual(["miss", 2]);
  });

  it("renders again on a hard reload (Cache-Control: no-cache) and keeps the new page", async () => {
    await get("/p/s/x/tickets");
    await settle();
    const reload = await get("/p/s/x/tickets", { "cache-control": "no-cache" });
    await settle();
    const next = await get("/p/s/x/tickets");
    expect([reload.status, next.status, renders]).toEqual(["miss", "hit", 2]);
    expect(next.body).toContain("render 2");
  });

  it("keeps only whole 200 HTML pages without cookies (no clone or raw file), only project pages", async () => {
    render.status = 404;
    await get("/p/s/x/tickets/9");
    render.status = 200;
    render.setCookie = true;
    await get("/p/s/x/tickets");
    render.setCookie = false;
    render.type = "application/x-git-upload-pack-advertisement";
    await get("/p/s/x.git/info/refs");
    render.type = "text/html; charset=utf-8";
    await get("/signin");
    await get("/p/s/x/mr", { rsc: "1" });
    await settle();
    const again = await Promise.all(
      ["/p/s/x/tickets/9", "/p/s/x/tickets", "/p/s/x.git/info/refs", "/signin"].map((path) =>
        get(path),
      ),
    );
    expect(again.map((answer) => answer.status)).toEqual(["miss", "miss", "miss", null]);
    expect(renders).toBe(9);
  });

  it("keeps a page the renderer compressed, and compresses the answer for who asks", async () => {
    render.gzip = true;
    await get("/p/s/x/tickets", { "accept-encoding": "gzip" });
    await settle();
    const plain = await get("/p/s/x/tickets");
    expect([plain.status, plain.body]).toEqual(["hit", expect.stringContaining("render 1")]);
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve) =>
      http.get(`${origin}/p/s/x/tickets`, { headers: { "accept-encoding": "gzip" } }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (chunk: Buffer) => chunks.push(chunk));
        r.on("end", () =>
          resolve({ encoding: r.headers["content-encoding"], body: Buffer.concat(chunks) }),
        );
      }),
    );
    expect(raw.encoding).toBe("gzip");
    expect(gunzipSync(raw.body).toString()).toContain("render 1");
    expect(renders).toBe(1);
  });
});

describe("onRequestError (instrumentation.ts)", () => {
  it("withdraws the offer of a page that failed while it rendered", async () => {
    const offer = { isCurrent: () => true };
    pageCache().offer("failed-render", offer);
    pageCache().offer("other-render", offer);
    const context = { routerKind: "App Router", routePath: "/p", routeType: "render" } as const;
    await onRequestError(
      new Error("the database went away"),
      { path: "/p/s/x/tickets", method: "GET", headers: { [PAGE_OFFER_HEADER]: "failed-render" } },
      { ...context, revalidateReason: undefined },
    );
    expect(pageCache().takeOffer("failed-render")).toBeUndefined();
    expect(pageCache().takeOffer("other-render")).toBe(offer);
  });
});
