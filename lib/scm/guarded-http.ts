import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { GitHttpRequest, GitHttpResponse, HttpClient } from "isomorphic-git";
import { ScmError } from "./errors";
import { checkRemoteUrl, type RepositoryUrlPolicy, type ResolvedAddress } from "./url-policy";

/** How much one fetch of a repository may download, and for how long. */
export interface FetchLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 512 * 1024 * 1024,
  timeoutMs: 120_000,
};

const MAX_REDIRECTS = 5;

/** A fetch stopped by its limits; the message names the limit, never what the server sent. */
export class FetchLimitError extends ScmError {
  constructor(url: string, limit: string) {
    super(`cannot fetch ${url}: ${limit}`);
    this.name = "FetchLimitError";
  }
}

/** The client, and why it stopped a fetch (isomorphic-git reports a failed body as empty). */
export interface GuardedHttpClient extends HttpClient {
  stoppedBy(): FetchLimitError | undefined;
}

/**
 * An isomorphic-git HTTP client for one fetch under a repository URL policy. Each request,
 * and each redirect it leads to, is checked against the policy, and the connection goes to
 * the very address the check resolved (a `lookup` that answers only that), so DNS cannot
 * point elsewhere between check and connect. Redirects are followed here, not by the HTTP
 * library, so that none goes unchecked. All responses together may carry at most `maxBytes`,
 * and everything must be done within `timeoutMs` of the client being made.
 */
export function guardedHttp(
  source: string,
  policy: RepositoryUrlPolicy,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): GuardedHttpClient {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let stopped: FetchLimitError | undefined;
  const stop = (limit: string) => (stopped = new FetchLimitError(source, limit));
  const timeUp = () => stop(`no answer within ${limits.timeoutMs / 1000} s`);
  let received = 0;

  async function* bodyOf(response: IncomingMessage): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        received += chunk.byteLength;
        if (received > limits.maxBytes) {
          throw stop(`it is larger than ${limits.maxBytes} bytes`);
        }
        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
    } catch (error) {
      throw deadline.aborted ? timeUp() : error;
    } finally {
      response.destroy();
    }
  }

  return {
    stoppedBy: () => stopped,
    async request(request: GitHttpRequest): Promise<GitHttpResponse> {
      const body = request.body ? Buffer.concat(await collect(request.body)) : undefined;
      const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
      let url = request.url;
      for (let redirects = 0; ; redirects++) {
        const { pinned } = await checkRemoteUrl(url, policy);
        const response = await send(url, request, body, pinned, signal).catch((error: unknown) => {
          throw deadline.aborted ? timeUp() : error;
        });
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        // isomorphic-git POSTs only to the URL its GET found; a redirected POST is an error.
        if (request.method === "POST" || status < 300 || status > 399 || !location) {
          return {
            url,
            method: request.method,
            headers: flatHeaders(response),
            body: bodyOf(response),
            statusCode: status,
            statusMessage: response.statusMessage ?? "",
          };
        }
        response.resume();
        if (redirects === MAX_REDIRECTS) {
          throw stop(`more than ${MAX_REDIRECTS} redirects`);
        }
        url = new URL(location, url).href;
      }
    },
  };
}

/** A DNS lookup that answers only the address already checked, so a connection goes there. */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

function flatHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function send(
  url: string,
  request: GitHttpRequest,
  body: Buffer | undefined,
  pinned: ResolvedAddress | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const target = new URL(url);
  const lookup = pinned ? pinnedLookup(pinned) : undefined;
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(target, {
      method: request.method ?? "GET",
      headers: request.headers,
      lookup,
      signal,
    });
    outgoing.on("response", resolve);
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
