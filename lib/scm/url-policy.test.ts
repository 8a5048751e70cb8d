import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, tempDir } from "./testing/repos";
import {
  checkRepositorySource,
  RefusedSourceError,
  type RepositoryUrlPolicy,
  type ResolvedAddress,
} from "./url-policy";

const DNS: Record<string, ResolvedAddress[]> = {
  "forge.example": [{ address: "93.184.216.34", family: 4 }],
  "v6.example": [{ address: "2606:4700::1111", family: 6 }],
  "internal.example": [{ address: "10.0.0.7", family: 4 }],
  "mixed.example": [
    { address: "93.184.216.34", family: 4 },
    { address: "127.0.0.1", family: 4 },
  ],
  "mapped.example": [{ address: "::ffff:169.254.169.254", family: 6 }],
};
const fakeResolver = async (host: string) => DNS[host] ?? [];
const policy = (...allow: string[]): RepositoryUrlPolicy => ({ allow, resolve: fakeResolver });

describe("checkRepositorySource", () => {
  afterAll(removeTempDirs);

  it("takes https and http URLs to public addresses, pinned to the address checked", async () => {
    expect(await checkRepositorySource("https://forge.example/r.git", policy())).toEqual({
      kind: "remote",
      url: new URL("https://forge.example/r.git"),
      pinned: { address: "93.184.216.34", family: 4 },
    });
    const v6 = await checkRepositorySource("http://v6.example:8080/hg/r", policy());
    expect(v6).toMatchObject({ kind: "remote", pinned: { address: "2606:4700::1111" } });
    const literal = await checkRepositorySource("https://[2606:4700::1111]/r", policy());
    expect(literal).toMatchObject({ pinned: { address: "2606:4700::1111", family: 6 } });
  });

  it.each([
    ["http://127.0.0.1:9/nothing.git", "127.0.0.1 is a loopback address"],
    ["http://[::1]/r.git", "::1 is a loopback address"],
    ["http://[::ffff:7f00:1]/r.git", "is a loopback address"],
    ["http://0x7f.1/r.git", "127.0.0.1 is a loopback address"],
    ["http://localhost.:1/", "has no address"],
    ["https://internal.example/r", "internal.example (10.0.0.7) is a private address"],
    ["https://mixed.example/r", "mixed.example (127.0.0.1) is a loopback address"],
    ["https://mapped.example/r", "is a link-local address"],
    ["http://169.254.169.254/latest/meta-data", "is a link-local address"],
    ["ssh://forge.example/r.git", "only https:// and http:// URLs"],
    ["git://forge.example/r.git", "only https:// and http:// URLs"],
    ["ftp://forge.example/r.git", "only https:// and http:// URLs"],
    ["file:///etc", "reads no local paths"],
    ["/etc", "reads no local paths"],
    ["../../etc", "reads no local paths"],
    ["-oProxyCommand=x", "reads no local paths"],
    ["http://", "this is not a URL"],
  ])("refuses %s (%s)", async (source, reason) => {
    const refusal = checkRepositorySource(source, policy());
    await expect(refusal).rejects.toThrow(RefusedSourceError);
    await expect(refusal).rejects.toThrow(`cannot fetch ${source}: `);
    await expect(refusal).rejects.toThrow(reason);
  });

  it("lets the operator allow URL prefixes, which are then not resolved", async () => {
    const allowed = policy("http://127.0.0.1:8123/allowed/");
    expect(await checkRepositorySource("http://127.0.0.1:8123/allowed/r.git", allowed)).toEqual({
      kind: "remote",
      url: new URL("http://127.0.0.1:8123/allowed/r.git"),
    });
    const lookalikes = [
      "http://127.0.0.1:8123/other/r.git",
      "http://127.0.0.1:8123/allowed/../other/r.git",
      "http://127.0.0.1:81234/allowed/",
    ];
    for (const other of lookalikes) {
      await expect(checkRepositorySource(other, allowed)).rejects.toThrow(RefusedSourceError);
    }
  });

  it("does not let a user name spell an allowed prefix", async () => {
    const refusal = checkRepositorySource(
      "http://127.0.0.1:x@10.0.0.1/r.git",
      policy("http://127.0.0.1:"),
    );
    await expect(refusal).rejects.toThrow("10.0.0.1 is a private address");
  });

  it("reads local repositories only inside allowed directories, links and `..` resolved", async () => {
    const root = tempDir("policy");
    const allowed = join(root, "allowed");
    const repo = join(allowed, "repo");
    mkdirSync(repo, { recursive: true });
    mkdirSync(join(root, "secret"));
    symlinkSync(join(root, "secret"), join(allowed, "link"));
    const only = policy(allowed);
    expect(await checkRepositorySource(repo, only)).toEqual({ kind: "local", path: repo });
    expect(await checkRepositorySource(`file://${repo}`, only)).toEqual({
      kind: "local",
      path: repo,
    });
    for (const outside of [
      join(allowed, "..", "secret"),
      join(allowed, "link"),
      `${allowed}-evil`,
      join(allowed, "missing"),
      root,
    ]) {
      await expect(checkRepositorySource(outside, only)).rejects.toThrow("reads no local paths");
    }
  });
});
