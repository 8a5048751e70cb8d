import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import {
  DEFAULT_FETCH_LIMITS,
  FetchLimitError,
  type FetchLimits,
  pinnedLookup,
} from "./guarded-http";
import { checkRemoteUrl, RefusedSourceError, type RepositoryUrlPolicy } from "./url-policy";

/** A forward proxy on loopback for one `hg` fetch, and why it stopped that fetch, if it did. */
export interface GuardedProxy {
  /** `127.0.0.1:<port>`, for hg's `http_proxy.host`. */
  readonly hostPort: string;
  stoppedBy(): FetchLimitError | RefusedSourceError | undefined;
  close(): Promise<void>;
}

// Headers meant for this hop only (RFC 9110 §7.6.1), never passed on.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "proxy-authenticate",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/**
 * hg resolves hosts and follows redirects itself, so a URL checked once could still lead it
 * to an internal address (DNS answering differently the second time, or a public server
 * redirecting inward). Run through this proxy (`http_proxy.always`, so not even loopback
 * bypasses it), every request hg makes — the source and each redirect — is checked against
 * the same policy as Git's fetches and sent to the very address checked. Over https the proxy
 * sees only the host and port of a CONNECT, so it checks the origin; TLS stays end to end.
 * Everything received from upstream counts towards one size limit.
 */
export async function startGuardedProxy(
  source: string,
  policy: RepositoryUrlPolicy,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<GuardedProxy> {
  let stopped: FetchLimitError | RefusedSourceError | undefined;
  let received = 0;
  const open = new Set<Duplex>();
  const track = (socket: Duplex) => {
    open.add(socket);
    socket.once("close", () => open.delete(socket));
  };
  const count = (bytes: number): boolean => {
    received += bytes;
    if (received <= limits.maxBytes) return true;
    stopped ??= new FetchLimitError(source, `it is larger than ${limits.maxBytes} bytes`);
    for (const socket of open) socket.destroy();
    return false;
  };
  const refuse = (error: unknown): string => {
    if (error instanceof RefusedSourceError) stopped ??= error;
    return error instanceof RefusedSourceError ? error.message : "cannot check this address";
  };

  const server = http.createServer((request, response) => {
    forward(request, response).catch(() => response.destroy());
  });

  async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let target;
    try {
      target = await checkRemoteUrl(request.url ?? "", policy);
      if (target.url.protocol !== "http:") throw new RefusedSourceError(source, "not plain http");
    } catch (error) {
      response.writeHead(403, { "Content-Type": "text/plain" }).end(refuse(error));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
    );
    const upstream = http.request(target.url, {
      method: request.method,
      headers,
      lookup: target.pinned ? pinnedLookup(target.pinned) : undefined,
    });
    upstream.on("socket", track);
    upstream.on("error", () => response.destroy());
    upstream.on("response", (answer) => {
      const passed = Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name));
      response.writeHead(answer.statusCode ?? 502, Object.fromEntries(passed));
      answer.on("data", (chunk: Buffer) => {
        if (count(chunk.byteLength)) response.write(chunk);
      });
      answer.on("end", () => response.end());
    });
    request.pipe(upstream);
  }

  server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    checkRemoteUrl(`https://${request.url ?? ""}/`, policy).then(
      ({ url, pinned }) => {
        const upstream = net.connect({
          host: pinned?.address ?? url.hostname.replace(/^\[|\]$/g, ""),
          port: Number(url.port || 443),
        });
        track(upstream);
        upstream.once("connect", () => {
          client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
          if (head.length > 0) upstream.write(head);
          upstream.on("data", (chunk: Buffer) => {
            if (count(chunk.byteLength)) client.write(chunk);
          });
          client.pipe(upstream);
        });
        upstream.once("error", () => client.destroy());
        upstream.once("close", () => client.end());
        client.once("error", () => upstream.destroy());
      },
      (error: unknown) => {
        client.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\n${refuse(error)}`);
      },
    );
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    hostPort: `127.0.0.1:${port}`,
    stoppedBy: () => stopped,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
