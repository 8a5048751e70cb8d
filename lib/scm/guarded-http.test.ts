import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitAdapter } from "./git";
import { FetchLimitError } from "./guarded-http";
import { removeTempDirs, tempDir } from "./testing/repos";
import { RefusedSourceError, type RepositoryUrlPolicy } from "./url-policy";

const SECRET = "internal-token-4f9a";

/**
 * A real server on loopback, allowed by the operator under /allowed/ only, whose pages
 * misbehave: a redirect into /internal/ (loopback, not allowed), an internal-looking error
 * page, an endless body and an answer that never comes.
 */
describe("Git fetches through the guarded HTTP client", { timeout: 30_000 }, () => {
  let server: Server;
  let origin: string;
  const internalHits: string[] = [];
  let policy: RepositoryUrlPolicy;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? "/";
      if (path.startsWith("/internal/")) {
        internalHits.push(path);
        response.end(SECRET);
      } else if (path.startsWith("/allowed/to-internal/")) {
        response.writeHead(302, { Location: `${origin}/internal/r.git/info/refs` }).end();
      } else if (path.startsWith("/allowed/moved/")) {
        response.writeHead(301, { Location: "/allowed/html/info/refs?service=git-upload-pack" });
        response.end();
      } else if (path.startsWith("/allowed/missing/")) {
        response.writeHead(404, { "Content-Type": "text/plain" }).end(`no such thing: ${SECRET}`);
      } else if (path.startsWith("/allowed/html/")) {
        response.writeHead(200, { "Content-Type": "text/html" }).end(`<p>${SECRET}</p>`);
      } else if (path.startsWith("/allowed/huge/")) {
        response.writeHead(200, { "Content-Type": "application/x-git-upload-pack-advertisement" });
        // One announcement, then pkt-lines of the largest size, without end.
        response.write("001e# service=git-upload-pack\n0000");
        const line = `fff0${"a".repeat(0xfff0 - 4)}`;
        const more = () => {
          while (response.write(line));
        };
        response.on("drain", more);
        more();
      } else if (path.startsWith("/allowed/silent/")) {
        // Never answers.
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    policy = { allow: [`${origin}/allowed/`], resolve: async () => [] };
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    removeTempDirs();
  });

  const fetchInto = (path: string, limits = { maxBytes: 1024 * 1024, timeoutMs: 5_000 }) =>
    gitAdapter.mirror(`${origin}${path}`, join(tempDir("guarded"), "m.git"), { policy, limits });

  it("refuses a redirect from an allowed URL into a loopback address, before connecting", async () => {
    const refusal = fetchInto("/allowed/to-internal/r.git");
    await expect(refusal).rejects.toThrow(RefusedSourceError);
    await expect(refusal).rejects.toThrow(
      `cannot fetch ${origin}/internal/r.git/info/refs: 127.0.0.1 is a loopback address`,
    );
    expect(internalHits).toEqual([]);
  });

  it("follows a redirect the policy allows", async () => {
    await expect(fetchInto("/allowed/moved/r.git")).rejects.toThrow(
      "did not answer as a Git repository does",
    );
  });

  it("names the URL and the HTTP status, never the body", async () => {
    const failure = fetchInto("/allowed/missing/r.git");
    await expect(failure).rejects.toThrow(
      `cannot fetch ${origin}/allowed/missing/r.git: the server answered HTTP 404`,
    );
    await expect(failure).rejects.not.toThrow(SECRET);
    const html = fetchInto("/allowed/html/r.git");
    await expect(html).rejects.toThrow("did not answer as a Git repository does");
    await expect(html).rejects.not.toThrow(SECRET);
  });

  it("stops at the size limit and at the deadline", async () => {
    const huge = fetchInto("/allowed/huge/r.git", { maxBytes: 16 * 1024, timeoutMs: 5_000 });
    await expect(huge).rejects.toThrow(FetchLimitError);
    await expect(huge).rejects.toThrow("larger than 16384 bytes");
    const started = Date.now();
    const silent = fetchInto("/allowed/silent/r.git", { maxBytes: 1024, timeoutMs: 300 });
    await expect(silent).rejects.toThrow("no answer within 0.3 s");
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
