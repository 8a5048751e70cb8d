import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hgHttpBackend } from "./hg-http";
import { hgIn, removeTempDirs, tempDir, writeFiles } from "./testing/repos";

/** hgweb behind a plain Node server, as the route serves it, driven by the real `hg`. */
describe("hgHttpBackend", { timeout: 60_000 }, () => {
  let server: Server;
  let origin: string;
  let repository: string;
  let pusher: string | undefined;

  beforeAll(async () => {
    repository = tempDir("hg-served");
    await hgIn(repository, ["init"]);
    writeFiles(repository, { "a.txt": "a\n" });
    await hgIn(repository, ["commit", "-A", "-q", "-u", "Ann <ann@forge.test>", "-m", "First"]);
    server = createServer(async (request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const answer = await hgHttpBackend({
        repository,
        scriptName: url.pathname,
        method: request.method ?? "GET",
        query: url.search.slice(1),
        headers,
        body:
          request.method === "POST"
            ? (Readable.toWeb(request) as ReadableStream<Uint8Array>)
            : null,
        remoteUser: pusher,
      });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      if (answer.body) Readable.fromWeb(answer.body as never).pipe(response);
      else response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/p/x/demo.hg`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    removeTempDirs();
  });

  // Not spawnSync: the server answering hg runs in this very process.
  const hg = (cwd: string, ...args: string[]) =>
    new Promise<{ ok: boolean; output: string }>((resolve) => {
      execFile(
        "hg",
        ["--config", "ui.interactive=false", ...args],
        {
          cwd,
          env: { ...process.env, HGPLAIN: "1", HGRCPATH: "", HGUSER: "Bo <bo@forge.test>" },
          timeout: 30_000,
        },
        (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }),
      );
    });

  it("serves hg clone, and hg push only from the user the caller allowed", async () => {
    const dir = tempDir("hg-client");
    expect((await hg(dir, "clone", origin, "work")).ok).toBe(true);
    const work = join(dir, "work");
    writeFiles(work, { "b.txt": "b\n" });
    await hg(work, "commit", "-A", "-m", "Second");

    pusher = undefined;
    const refused = await hg(work, "push", origin);
    expect(refused.ok).toBe(false);
    pusher = "bo@forge.test";
    const pushed = await hg(work, "push", origin);
    expect(pushed.output).toContain("added 1 changesets");
    expect((await hgIn(repository, ["log", "-T", "{desc}\\n"])).trim()).toBe("Second\nFirst");
  });
});
