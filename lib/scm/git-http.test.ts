import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitHttpBackend, isPush } from "./git-http";
import { git, gitCommit, removeTempDirs, tempDir, writeFiles } from "./testing/repos";

describe("gitHttpBackend", { timeout: 30_000 }, () => {
  afterAll(removeTempDirs);

  it("advertises a repository's refs as git's smart HTTP protocol does", async () => {
    const work = tempDir("git-http-work");
    git(work, ["init", "-q", "-b", "main"]);
    writeFiles(work, { "a.txt": "a\n" });
    gitCommit(work, "First", "Alice <alice@a.test>", "2026-01-01T00:00:00Z");
    const bare = join(tempDir("git-http-served"), "repo.git");
    git(work, ["clone", "-q", "--bare", ".", bare]);

    const response = await gitHttpBackend({
      repository: bare,
      path: "info/refs",
      method: "GET",
      query: "service=git-upload-pack",
      contentType: null,
      contentEncoding: null,
      gitProtocol: null,
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
});
