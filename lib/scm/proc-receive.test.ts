// The proc-receive conversation with the real `git receive-pack` and the real relay hook
// (scripts/git-hooks/proc-receive): what Pubforge answers is what the pusher sees.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitServerConfig } from "./git-http";
import type { ProcReceiveHandler, ProcReceivePush } from "./proc-receive";
import { listenForProcReceive } from "./proc-receive-socket";
import { git, gitCommit, removeTempDirs, tempDir, writeFiles } from "./testing/repos";

const run = promisify(execFile);

let server = "";
let work = "";

/** `git push` from the work tree, with receive-pack set up as git-http.ts sets up http-backend. */
async function push(
  handler: ProcReceiveHandler,
  { allRefs = false } = {},
  ...args: string[]
): Promise<{ ok: boolean; output: string }> {
  const listener = await listenForProcReceive(handler);
  const env = gitServerConfig({ socketPath: listener.socketPath, allRefs, done: () => {} });
  const receivePack = `env ${Object.entries(env)
    .map(([key, value]) => `${key}='${value}'`)
    .join(" ")} git receive-pack`;
  try {
    const { stdout, stderr } = await run(
      "git",
      ["push", `--receive-pack=${receivePack}`, "origin", ...args],
      { cwd: work, env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" } },
    );
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  } finally {
    await listener.close();
  }
}

const refs = () => git(server, ["for-each-ref", "--format=%(refname)"]).trim().split("\n");

describe("proc-receive through the relay hook", { timeout: 60_000 }, () => {
  beforeAll(() => {
    server = tempDir("proc-receive-server");
    git(server, ["init", "-q", "--bare", "-b", "main"]);
    work = tempDir("proc-receive-work");
    git(work, ["init", "-q", "-b", "main"]);
    git(work, ["remote", "add", "origin", server]);
    writeFiles(work, { "a.txt": "a\n" });
    gitCommit(work, "First", "Bob <bob@b.test>", "2026-01-01T00:00:00Z");
    git(work, ["push", "-q", "origin", "main"]);
    writeFiles(work, { "a.txt": "b\n" });
    gitCommit(work, "Second", "Bob <bob@b.test>", "2026-01-02T00:00:00Z");
  });
  afterAll(removeTempDirs);

  it("hands refs/for/ pushes and their options to Pubforge, and prints what it says", async () => {
    const seen: ProcReceivePush[] = [];
    const result = await push(
      async (received, say) => {
        seen.push(received);
        say("Merge request !1 opened: http://forge.test/p/s/x/mr/1");
        return received.commands.map(({ ref }) => ({ ref, ok: true }));
      },
      {},
      "-o",
      "title=Fix it",
      "-o",
      "topic=fix",
      "HEAD:refs/for/main",
    );
    expect(result.output).toContain(
      "remote: Merge request !1 opened: http://forge.test/p/s/x/mr/1",
    );
    expect(result.ok).toBe(true);
    const head = git(work, ["rev-parse", "HEAD"]).trim();
    expect(seen).toEqual([
      {
        commands: [{ oldOid: "0".repeat(40), newOid: head, ref: "refs/for/main" }],
        pushOptions: ["title=Fix it", "topic=fix"],
      },
    ]);
    // The ref never becomes a real one: Pubforge decides where the commits are kept.
    expect(refs()).toEqual(["refs/heads/main"]);
  });

  it("refuses a ref with Pubforge's reason, and a handler's failure for every ref", async () => {
    const refused = await push(
      async ({ commands }) =>
        commands.map(({ ref }) => ({ ref, ok: false, reason: "no branch “nope”\nhere" })),
      {},
      "HEAD:refs/for/nope",
    );
    expect(refused.ok).toBe(false);
    expect(refused.output).toContain(
      "[remote rejected] HEAD -> refs/for/nope (no branch “nope” here)",
    );

    const failed = await push(
      async () => {
        throw new Error("the XMPP server is away");
      },
      {},
      "HEAD:refs/for/main",
    );
    expect(failed.output).toContain("Pubforge failed to handle this push; nothing was published");
    expect(failed.output).not.toContain("XMPP server is away");
  });

  it("sends every ref to Pubforge for someone who may not update branches", async () => {
    const seen: string[] = [];
    const result = await push(
      async ({ commands }) => {
        seen.push(...commands.map(({ ref }) => ref));
        return commands.map(({ ref }) => ({ ref, ok: false, reason: "not a maintainer" }));
      },
      { allRefs: true },
      "HEAD:refs/heads/main",
      "HEAD:refs/tags/v1",
    );
    expect(result.ok).toBe(false);
    expect(seen).toEqual(["refs/heads/main", "refs/tags/v1"]);
    expect(refs()).toEqual(["refs/heads/main"]);
    expect(git(server, ["rev-parse", "main"])).not.toBe(git(work, ["rev-parse", "HEAD"]));
  });

  it("never lets a push write or show Pubforge's own refs", async () => {
    const head = git(work, ["rev-parse", "HEAD"]).trim();
    git(server, ["update-ref", "refs/pubforge/merge-requests/x/1", head]);
    const result = await push(async () => [], {}, "HEAD:refs/pubforge/merge-requests/x/2");
    expect(result.output).toContain("deny updating a hidden ref");
    const advertised = await run("git", ["upload-pack", "--advertise-refs", server], {
      env: { ...process.env, ...gitServerConfig() },
    });
    expect(advertised.stdout).toContain("refs/heads/main");
    expect(advertised.stdout).not.toContain("refs/pubforge");
    expect(refs()).toEqual(["refs/heads/main", "refs/pubforge/merge-requests/x/1"]);
  });
});
