import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchLimitError } from "./guarded-http";
import { hgAdapter } from "./hg";
import { hgIn, removeTempDirs, tempDir, writeFiles } from "./testing/repos";
import { RefusedSourceError, type RepositoryUrlPolicy } from "./url-policy";

/**
 * Real `hg` fetching over HTTP from loopback, where only what the policy names is allowed:
 * an `hg serve` of a real repository, and a server under /allowed/ whose answers redirect
 * into loopback addresses the policy does not allow. hg follows redirects itself; the guarded
 * proxy it is made to use must stop each one.
 */
describe("hg fetches through the guarded proxy", { timeout: 60_000 }, () => {
  let hgServe: ChildProcess;
  let hgOrigin: string;
  let trap: Server;
  let trapOrigin: string;
  const internalHits: string[] = [];

  const policyAllowing = (...prefixes: string[]): RepositoryUrlPolicy => ({
    allow: prefixes,
    resolve: async () => [],
  });

  beforeAll(async () => {
    const repo = tempDir("hg-served");
    await hgIn(repo, ["init"]);
    // Random bytes, so that the bundle stays larger than the size limit below once compressed.
    writeFiles(repo, { "data.txt": randomBytes(16_000).toString("hex") });
    await hgIn(repo, ["commit", "-A", "-q", "-u", "Ann <ann@forge.test>", "-m", "First"]);
    hgOrigin = await serve(repo);

    trap = createServer((request, response) => {
      const path = request.url ?? "/";
      if (path.startsWith("/internal/")) {
        internalHits.push(path);
        response.end("internal");
      } else if (path.startsWith("/allowed/to-internal")) {
        response.writeHead(302, { Location: `${trapOrigin}/internal/repo${path.slice(21)}` });
        response.end();
      } else if (path.startsWith("/allowed/to-hg")) {
        response.writeHead(302, { Location: `${hgOrigin}/${path.slice(15)}` }).end();
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    trapOrigin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    hgServe?.kill();
    trap?.closeAllConnections();
    trap?.close();
    removeTempDirs();
  });

  /** `hg serve` on a free loopback port, once it says where it listens. */
  function serve(repo: string): Promise<string> {
    hgServe = spawn("hg", ["serve", "-R", repo, "-a", "127.0.0.1", "-p", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new Promise((resolve, reject) => {
      let out = "";
      hgServe.stdout!.on("data", (chunk: Buffer) => {
        out += chunk;
        const port = /:(\d+)\//.exec(out)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      hgServe.once("exit", () => reject(new Error(`hg serve stopped: ${out}`)));
    });
  }

  const mirrorDir = () => join(tempDir("hg-guarded"), "mirror");

  it("clones an allowed repository through the proxy", async () => {
    const dir = mirrorDir();
    await hgAdapter.mirror(`${hgOrigin}/`, dir, { policy: policyAllowing(`${hgOrigin}/`) });
    expect((await hgAdapter.branches(dir)).map((branch) => branch.name)).toEqual(["default"]);
  });

  it("refuses a redirect into a loopback address the policy does not allow", async () => {
    const fetch = hgAdapter.mirror(`${trapOrigin}/allowed/to-internal`, mirrorDir(), {
      policy: policyAllowing(`${trapOrigin}/allowed/`),
    });
    await expect(fetch).rejects.toThrow(RefusedSourceError);
    await expect(fetch).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
    expect(internalHits).toEqual([]);
  });

  it("refuses a redirect from an allowed URL to another server on loopback", async () => {
    const fetch = hgAdapter.mirror(`${trapOrigin}/allowed/to-hg`, mirrorDir(), {
      policy: policyAllowing(`${trapOrigin}/allowed/`),
    });
    await expect(fetch).rejects.toThrow(RefusedSourceError);
  });

  it("stops a fetch larger than the limit", async () => {
    const fetch = hgAdapter.mirror(`${hgOrigin}/`, mirrorDir(), {
      policy: policyAllowing(`${hgOrigin}/`),
      limits: { maxBytes: 10_000, timeoutMs: 30_000 },
    });
    await expect(fetch).rejects.toThrow(FetchLimitError);
    await expect(fetch).rejects.toThrow(/larger than 10000 bytes/);
  });
});
