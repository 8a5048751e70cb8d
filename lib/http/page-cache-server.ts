import { randomUUID } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from "node:http";
import { brotliDecompressSync, gunzipSync, gzip, inflateSync } from "node:zlib";
import { SESSION_COOKIE } from "./browser-session";
import {
  cutAtNonce,
  joinWithNonce,
  nonceOfPolicy,
  PAGE_OFFER_HEADER,
  pageCache,
  pageCacheKey,
  withNonce,
  type CachedPage,
  type PageCache,
} from "./page-cache";
import { newCspNonce } from "./security-headers";

/** Says whether an answer came from the cache (`hit`) or was rendered (`miss`). */
export const PAGE_CACHE_STATUS_HEADER = "x-pubforge-page-cache";

/**
 * In front of Next.js's request handler (server.mjs): answers `request` from the cache and
 * returns true, or arranges for its answer to be kept (if the page offers it) and returns false,
 * and the request goes on to be rendered. Every request loses any page-offer header it came
 * with: only this server may mark a request whose answer could be kept.
 */
export function answerFromPageCache(
  request: IncomingMessage,
  response: ServerResponse,
  cache: PageCache = pageCache(),
): boolean {
  delete request.headers[PAGE_OFFER_HEADER];
  if (!isAnonymousPageRequest(request)) return false;
  const key = pageCacheKey(request.url!, (name) => headerOf(request, name));
  // A hard reload (Cache-Control: no-cache) renders again, and keeps what it rendered.
  const page = /\bno-cache\b/i.test(headerOf(request, "cache-control") ?? "")
    ? undefined
    : cache.current(key, Date.now());
  if (page) {
    // Compressing is the only step that can fail: the connection is then dropped.
    void sendPage(request, response, page).catch(() => response.destroy());
    return true;
  }
  keepAnswer(request, response, key, cache);
  return false;
}

/** A browser's GET of a project's page, without a session cookie: nothing else is ever kept. */
export function isAnonymousPageRequest(request: IncomingMessage): boolean {
  if (request.method !== "GET" || !request.url?.startsWith("/p/")) return false;
  const { headers } = request;
  // Client-side navigation and server actions get React's payload, not the page's HTML.
  if (headers.rsc || headers["next-router-prefetch"] || headers["next-action"]) return false;
  const cookies = headerOf(request, "cookie") ?? "";
  return !cookies.split(";").some((cookie) => cookie.trim().startsWith(`${SESSION_COOKIE}=`));
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

async function sendPage(request: IncomingMessage, response: ServerResponse, page: CachedPage) {
  const nonce = newCspNonce();
  let body = joinWithNonce(page.html, nonce);
  const gzipped = /\bgzip\b/i.test(headerOf(request, "accept-encoding") ?? "");
  if (gzipped)
    body = await new Promise<Buffer>((ok, fail) => gzip(body, (e, z) => (e ? fail(e) : ok(z))));
  for (const [name, value] of page.headers)
    response.setHeader(name, withNonce(value, page.nonce, nonce));
  response.setHeader(PAGE_CACHE_STATUS_HEADER, "hit");
  const vary = String(response.getHeader("vary") ?? "");
  if (!/\baccept-encoding\b/i.test(vary)) {
    response.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  }
  if (gzipped) response.setHeader("content-encoding", "gzip");
  response.setHeader("content-length", body.length);
  response.writeHead(page.status);
  response.end(body);
}

/**
 * Copies what the renderer writes (Next.js may compress it: its compression wraps these same
 * methods) and, once the response has ended whole, keeps it if the page offered it.
 */
function keepAnswer(
  request: IncomingMessage,
  response: ServerResponse,
  key: string,
  cache: PageCache,
) {
  const renderId = randomUUID();
  request.headers[PAGE_OFFER_HEADER] = renderId;
  response.setHeader(PAGE_CACHE_STATUS_HEADER, "miss");
  const chunks: Buffer[] = [];
  let size = 0;
  // What was written stays as it was (a writer may not change a chunk once written): views of
  // it are kept, copied once the page is kept. Only HTML can be kept: the bodies of clones,
  // raw files and patches below /p/ are not held.
  const copy = (chunk: unknown, encoding: unknown) => {
    if (size > cache.limits.maxPageBytes || chunk == null || typeof chunk === "function") return;
    if (!isHtml(response.getHeader("content-type"))) return;
    const bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(
            (chunk as Uint8Array).buffer,
            (chunk as Uint8Array).byteOffset,
            (chunk as Uint8Array).byteLength,
          );
    size += bytes.length;
    chunks.push(bytes);
  };
  const write = response.write;
  const end = response.end;
  response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    copy(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof response.write;
  response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    copy(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof response.end;
  response.once("close", () => {
    const offer = cache.takeOffer(renderId);
    if (!offer || !response.writableFinished || size > cache.limits.maxPageBytes) return;
    const page = keptPage(response, Buffer.concat(chunks), cache.limits.maxPageBytes);
    if (page) cache.keep(key, { ...page, offer, storedAt: Date.now() });
  });
}

/** Headers a kept page is not answered with as they were: the answer sets its own. */
const NOT_KEPT = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  PAGE_CACHE_STATUS_HEADER,
]);

/** The page's status, headers and HTML, or undefined for anything but a plain 200 HTML page. */
export function keptPage(
  response: Pick<ServerResponse, "statusCode" | "getHeaders">,
  sent: Buffer,
  maxBytes: number,
): Pick<CachedPage, "status" | "headers" | "html" | "nonce"> | undefined {
  const headers = response.getHeaders();
  if (response.statusCode !== 200 || headers["set-cookie"] !== undefined) return undefined;
  if (!isHtml(headers["content-type"])) return undefined;
  const html = decoded(sent, String(headers["content-encoding"] ?? ""), maxBytes);
  if (html === undefined) return undefined;
  const kept = Object.entries(headers)
    .filter(([name, value]) => !NOT_KEPT.has(name) && value !== undefined)
    .map(([name, value]) => [name, headerText(value!)] as [string, string]);
  const policy = headers["content-security-policy"];
  const nonce = nonceOfPolicy(policy === undefined ? undefined : headerText(policy));
  return { status: 200, headers: kept, html: cutAtNonce(html, nonce), nonce };
}

const isHtml = (contentType: OutgoingHttpHeader | undefined) =>
  String(contentType ?? "").startsWith("text/html");

function headerText(value: OutgoingHttpHeader): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function decoded(sent: Buffer, encoding: string, maxBytes: number): Buffer | undefined {
  const options = { maxOutputLength: maxBytes };
  try {
    if (encoding === "") return sent;
    if (encoding === "gzip") return gunzipSync(sent, options);
    if (encoding === "deflate") return inflateSync(sent, options);
    if (encoding === "br") return brotliDecompressSync(sent, options);
  } catch {
    // Past the size limit, or not what the header said: not kept.
  }
  return undefined;
}

const globalForServer = globalThis as unknown as {
  pubforgeAnswerFromPageCache?: typeof answerFromPageCache;
};

/**
 * Hands `answerFromPageCache` to server.mjs, which runs outside Next.js's bundles and finds it
 * on globalThis (instrumentation.ts calls this when the server starts).
 */
export function installPageCacheServer(): void {
  globalForServer.pubforgeAnswerFromPageCache = answerFromPageCache;
}
