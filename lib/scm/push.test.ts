import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveGitHttp } from "./git-http";
import { gitAdapter } from "./git";
import { git, removeTempDirs, tempDir, TEST_REPOSITORY_POLICY } from "./testing/repos";
import { RefusedSourceError } from "./url-policy";

/**
 * Pushes with the real `git` to a real `git http-backend` behind HTTP Basic, as a push mirror
 * does: the credential is asked for and given, a wrong one and a diverged target refuse.
 */
const USER = "alice@a.test";
const TOKEN = "pft_right-token";
const seen: { authorization: string | undefined }[] = [];
let server: http.Server;
let origin = "";

function serve(target: string) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://x");
    seen.push({ authorization: request.headers.authorization });
    const expected = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString("base64")}`;
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { "WWW-Authenticate": 'Basic realm="test"' }).end("who are you?");
      return;
    }
    const answer = await serveGitHttp({
      repository: target,
      path: url.pathname.replace(/^\/repo\.git\//, ""),
      method: request.method ?? "GET",
      query: url.search.slice(1),
      contentType: request.headers["content-type"] ?? null,
      contentEncoding: (request.headers["content-encoding"] as string | undefined) ?? null,
      gitProtocol: (request.headers["git-protocol"] as string | undefined) ?? null,
      contentLength: request.headers["content-length"] ?? null,
      body: request.method === "POST" ? (Readable.toWeb(request) as ReadableStream) : null,
      remoteUser: USER,
    });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (answer.body) Readable.fromWeb(answer.body as NodeReadableStream).pipe(response);
    else response.end();
  };
}

let local = "";
let target = "";

beforeAll(async () => {
  const work = tempDir("push-work");
  git(work, ["init", "-q", "-b", "main"]);
  writeFileSync(path.join(work, "README"), "one\n");
  git(work, ["add", "README"]);
  git(work, ["commit", "-q", "-m", "First"], {
    env: { GIT_AUTHOR_NAME: "A", GIT_AUTHOR_EMAIL: "a@a.test" },
  });
  local = path.join(tempDir("push-local"), "local.git");
  git(work, ["clone", "-q", "--bare", work, local]);
  target = path.join(tempDir("push-target"), "repo.git");
  git(work, ["init", "-q", "--bare", target]);
  server = http.createServer((request, response) => {
    serve(target)(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  removeTempDirs();
});

const options = { policy: TEST_REPOSITORY_POLICY, timeoutMs: 30_000 };
const tip = (dir: string, ref: string) => git(dir, ["--git-dir", dir, "rev-parse", ref]).trim();

describe("push", () => {
  it("pushes a branch with the credential the server asks for", async () => {
    await gitAdapter.push(
      local,
      `${origin}/repo.git`,
      "main",
      { username: USER, password: TOKEN },
      options,
    );
    expect(tip(target, "refs/heads/main")).toBe(tip(local, "refs/heads/main"));
    // First without a credential (Git sends one only when asked), then with it.
    expect(seen.some((request) => request.authorization === undefined)).toBe(true);
  });

  it("a wrong token fails with the server's answer, never with the token", async () => {
    const failure = gitAdapter
      .push(
        local,
        `${origin}/repo.git`,
        "main",
        { username: USER, password: "pft_wrong-one" },
        options,
      )
      .catch((error: Error) => error);
    const error = await failure;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Authentication failed|401/);
    expect((error as Error).message).not.toContain("pft_wrong-one");
  });

  it("never forces: a target that moved on keeps its commits", async () => {
    const other = tempDir("push-other");
    git(other, ["clone", "-q", "-b", "main", target, "w"]);
    const w = path.join(other, "w");
    writeFileSync(path.join(w, "UPSTREAM"), "theirs\n");
    git(w, ["add", "UPSTREAM"]);
    git(w, ["commit", "-q", "-m", "Theirs"], {
      env: { GIT_AUTHOR_NAME: "B", GIT_AUTHOR_EMAIL: "b@b.test" },
    });
    git(w, ["push", "-q", target, "HEAD:main"]);
    const theirs = tip(target, "refs/heads/main");
    // Ours moves on too, differently: the branches have diverged.
    const work = tempDir("push-ours");
    git(work, ["clone", "-q", local, "w"]);
    writeFileSync(path.join(work, "w", "OURS"), "ours\n");
    git(path.join(work, "w"), ["add", "OURS"]);
    git(path.join(work, "w"), ["commit", "-q", "-m", "Ours"], {
      env: { GIT_AUTHOR_NAME: "A", GIT_AUTHOR_EMAIL: "a@a.test" },
    });
    git(path.join(work, "w"), ["push", "-q", local, "HEAD:main"]);
    await expect(
      gitAdapter.push(
        local,
        `${origin}/repo.git`,
        "main",
        { username: USER, password: TOKEN },
        options,
      ),
    ).rejects.toThrow(/rejected|fetch first|non-fast-forward/);
    expect(tip(target, "refs/heads/main")).toBe(theirs);
  });

  it("goes nowhere the URL policy refuses (loopback, unless allowed)", async () => {
    await expect(
      gitAdapter.push(
        local,
        `${origin}/repo.git`,
        "main",
        { username: USER, password: TOKEN },
        { policy: { allow: [], resolve: async () => [] } },
      ),
    ).rejects.toBeInstanceOf(RefusedSourceError);
  });

  it("refuses a credential with a line end, and one in the URL", async () => {
    const url = new URL(`${origin}/repo.git`);
    await expect(
      gitAdapter.push(local, url.href, "main", { username: USER, password: "a\nb" }, options),
    ).rejects.toThrow(/control character/);
    url.username = "alice";
    url.password = "secret";
    await expect(
      gitAdapter.push(local, url.href, "main", { username: USER, password: TOKEN }, options),
    ).rejects.toThrow(/not in the URL/);
  });
});
