import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hgAdapter } from "./hg";
import { hgIn, removeTempDirs, tempDir, TEST_REPOSITORY_POLICY } from "./testing/repos";

/** `hg push` to a real `hg serve`, through the guarded proxy, as a push mirror does. */
let server: ChildProcess;
let origin = "";
let local = "";
let target = "";

beforeAll(async () => {
  local = tempDir("hg-push-local");
  await hgIn(local, ["init"]);
  writeFileSync(path.join(local, "README"), "one\n");
  await hgIn(local, ["commit", "-A", "-q", "-u", "Alice <alice@a.test>", "-m", "First"]);
  target = tempDir("hg-push-target");
  await hgIn(target, ["init"]);
  server = spawn(
    "hg",
    ["serve", "-R", target, "-a", "127.0.0.1", "-p", "0"].concat([
      "--config",
      "web.push_ssl=false",
      "--config",
      "web.allow-push=*",
    ]),
    { env: { ...process.env, HGRCPATH: "", HGPLAIN: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  origin = await new Promise<string>((resolve, reject) => {
    server.stdout!.on("data", (chunk: Buffer) => {
      const port = /bound to 127\.0\.0\.1:(\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    server.once("exit", () => reject(new Error("hg serve stopped")));
  });
}, 30_000);

afterAll(() => {
  server.kill();
  removeTempDirs();
});

const hgrcLeft = () => readdirSync(tmpdir()).filter((name) => name.startsWith("pubforge-hg-push-"));

describe("hg push", { timeout: 30_000 }, () => {
  it("pushes a branch through the guarded proxy and leaves no credential file behind", async () => {
    const before = hgrcLeft();
    await hgAdapter.push(
      local,
      `${origin}/`,
      "default",
      { username: "alice", password: "pft_token" },
      { policy: TEST_REPOSITORY_POLICY },
    );
    const log = await hgIn(target, ["log", "-T", "{desc}\\n"]);
    expect(log.trim()).toBe("First");
    expect(hgrcLeft()).toEqual(before);
    // Nothing new: not a failure.
    await hgAdapter.push(
      local,
      `${origin}/`,
      "default",
      { username: "alice", password: "pft_token" },
      { policy: TEST_REPOSITORY_POLICY },
    );
  });

  it("goes nowhere the URL policy refuses", async () => {
    await expect(
      hgAdapter.push(
        local,
        `${origin}/`,
        "default",
        { username: "a", password: "b" },
        {
          policy: { allow: [], resolve: async () => [] },
        },
      ),
    ).rejects.toThrow(/loopback/);
  });
});
