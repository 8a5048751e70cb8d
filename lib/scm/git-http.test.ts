import { afterAll, describe, expect, it } from "vitest";
import { serveGitHttp, isPush } from "./git-http";
import { git, removeTempDirs, servedGitRepository } from "./testing/repos";

const servedRepository = () => servedGitRepository("git-http", [{ "a.txt": "a\n" }]);

/** A POST to upload-pack of `bytes` bytes, streamed in 64 KB chunks, as a chunked upload is. */
function uploadPack(repository: string, bytes: number, contentLength: string | null = null) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(65_536, bytes - sent)).fill(0x30);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return {
    request: {
      repository,
      path: "git-upload-pack",
      method: "POST",
      query: "",
      contentType: "application/x-git-upload-pack-request",
      contentEncoding: null,
      gitProtocol: null,
      contentLength,
      body,
    },
    sent: () => sent,
  };
}

describe("serveGitHttp", { timeout: 30_000 }, () => {
  afterAll(removeTempDirs);

  it("advertises a repository's refs as git's smart HTTP protocol does", async () => {
    const { work, bare } = servedRepository();

    const response = await serveGitHttp({
      repository: bare,
      path: "info/refs",
      method: "GET",
      query: "service=git-upload-pack",
      contentType: null,
      contentEncoding: null,
      gitProtocol: null,
      contentLength: null,
      body: null,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/x-git-upload-pack-advertisement",
    );
    const text = await response.text();
    expect(text.startsWith("001e# service=git-upload-pack\n")).toBe(true);
    expect(text).toContain(`${git(work, ["rev-parse", "main"]).trim()} refs/heads/main`);
  });

  it("tells a push from a fetch", () => {
    expect(isPush("info/refs", "service=git-receive-pack")).toBe(true);
    expect(isPush("git-receive-pack", "")).toBe(true);
    expect(isPush("info/refs", "service=git-upload-pack")).toBe(false);
    expect(isPush("git-upload-pack", "")).toBe(false);
  });

  it("refuses a request body past its limit, without reading it all", async () => {
    const { bare } = servedRepository();
    const limit = 256 * 1024;
    const declared = uploadPack(bare, 10 * limit, String(10 * limit));
    expect((await serveGitHttp(declared.request, limit)).status).toBe(413);
    expect(declared.sent()).toBeLessThanOrEqual(65_536); // what the stream queues by itself

    const chunked = uploadPack(bare, 100 * limit);
    const response = await serveGitHttp(chunked.request, limit);
    expect(response.status).toBe(413);
    expect(chunked.sent()).toBeLessThan(4 * limit);

    // Within the limit, the body reaches Git (which answers this nonsense itself).
    const small = uploadPack(bare, 1_000);
    expect((await serveGitHttp(small.request, limit)).status).not.toBe(413);
    expect(small.sent()).toBe(1_000);
  });
});
