import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { serveGitHttp } from "../git-http";

/** A protocol v2 `git-upload-pack` POST of `body`, as serveGitHttp takes it. */
export function uploadPackPost(
  repository: string,
  body: Uint8Array,
  contentEncoding: string | null = null,
) {
  return {
    repository,
    path: "git-upload-pack",
    method: "POST",
    query: "",
    contentType: "application/x-git-upload-pack-request",
    contentEncoding,
    gitProtocol: "version=2",
    contentLength: null,
    body: new Blob([new Uint8Array(body)]).stream(),
  };
}

/**
 * A node:http server on loopback serving the repository `repositoryOf()` names at each request
 * (`<base>` is its `repo.git` URL) with serveGitHttp alone, for real `git` clients to use.
 */
export async function gitHttpServer(
  repositoryOf: () => string,
  onRequest: (request: IncomingMessage) => void = () => {},
): Promise<{ base: string; close: () => void }> {
  const server = createServer((request, response) => {
    onRequest(request);
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const header = (name: string) => request.headers[name]?.toString() ?? null;
    void serveGitHttp({
      repository: repositoryOf(),
      path: url.pathname.replace(/^\/repo\.git\//, ""),
      method: request.method ?? "GET",
      query: url.search.slice(1),
      contentType: header("content-type"),
      contentEncoding: header("content-encoding"),
      gitProtocol: header("git-protocol"),
      contentLength: header("content-length"),
      body: request.method === "POST" ? (Readable.toWeb(request) as ReadableStream) : null,
    }).then((answer) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      if (answer.body) Readable.fromWeb(answer.body as never).pipe(response);
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/repo.git`;
  return { base, close: () => server.close() };
}
