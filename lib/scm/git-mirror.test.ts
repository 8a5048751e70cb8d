import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScmError } from "./errors";
import { gitAdapter } from "./git";
import { adapterFor, detectRepository } from "./index";
import {
  git,
  gitCommit,
  gitHistory,
  removeTempDirs,
  tempDir,
  writeFiles,
  TEST_REPOSITORY_POLICY,
} from "./testing/repos";

const policy = TEST_REPOSITORY_POLICY;
import type { MirrorProgress } from "./types";

const refs = (dir: string) =>
  git(dir, ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags"]);

/** `git http-backend` behind a tiny CGI bridge: the smart HTTP protocol isomorphic-git speaks. */
function serveOverHttp(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const backend = spawn("git", ["http-backend"], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: request.method ?? "GET",
        CONTENT_TYPE: request.headers["content-type"] ?? "",
        CONTENT_LENGTH: request.headers["content-length"] ?? "",
      },
    });
    request.pipe(backend.stdin);
    const chunks: Buffer[] = [];
    backend.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    backend.on("close", () => {
      const output = Buffer.concat(chunks);
      const split = output.indexOf("\r\n\r\n");
      const headers = output.subarray(0, split).toString().split("\r\n");
      const status = Number(/^Status: (\d+)/m.exec(headers.join("\n"))?.[1] ?? 200);
      for (const header of headers.filter((line) => !line.startsWith("Status:"))) {
        const colon = header.indexOf(":");
        response.setHeader(header.slice(0, colon), header.slice(colon + 1).trim());
      }
      response.writeHead(status);
      response.end(output.subarray(split + 4));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Real repositories and real tools: generous limits, since CI machines may be busy.
describe("gitAdapter mirrors, branches and log", { timeout: 30_000 }, () => {
  let source: string;
  beforeAll(() => {
    source = gitHistory();
    git(source, ["tag", "-a", "-m", "first release", "v1", "main"]);
  }, 30_000);
  afterAll(removeTempDirs);

  it("mirrors a local repository, then follows new commits and deleted branches", async () => {
    const mirror = join(tempDir("git-mirror"), "mirror.git");
    const progress: MirrorProgress[] = [];
    await gitAdapter.mirror(source, mirror, {
      onProgress: (event) => progress.push(event),
      policy,
    });
    expect(refs(mirror)).toBe(refs(source));
    expect(git(mirror, ["symbolic-ref", "HEAD"]).trim()).toBe("refs/heads/feature");
    expect(progress.at(-1)).toMatchObject({ phase: "Copying objects", loaded: progress.length });
    git(mirror, ["fsck", "--strict", "--no-dangling"]);

    git(source, ["checkout", "-q", "main"]);
    writeFiles(source, { "later.txt": "later\n" });
    gitCommit(source, "Later", "Carol <carol@forge.test>", "2026-01-09T00:00:00Z");
    git(source, ["branch", "-q", "-D", "feature"]);
    await gitAdapter.mirror(`file://${source}`, mirror, { policy });
    expect(refs(mirror)).toBe(refs(source));
    expect(await gitAdapter.branches(mirror)).toEqual([
      { name: "main", head: git(source, ["rev-parse", "main"]).trim() },
    ]);
    git(mirror, ["fsck", "--strict", "--no-dangling"]);
  });

  it("mirrors over HTTP with isomorphic-git", async () => {
    const root = tempDir("git-http");
    git(root, ["clone", "-q", "--bare", source, "served.git"]);
    const server = await serveOverHttp(root);
    try {
      const mirror = join(tempDir("git-mirror"), "mirror.git");
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/served.git`;
      await gitAdapter.mirror(url, mirror, { policy });
      expect(refs(mirror)).toBe(refs(join(root, "served.git")));
      git(mirror, ["fsck", "--strict", "--no-dangling"]);
      await gitAdapter.mirror(url, mirror, { policy });
      expect(refs(mirror)).toBe(refs(join(root, "served.git")));
    } finally {
      server.close();
    }
  });

  it("lists commits as git log does", async () => {
    const revList = (...args: string[]) =>
      git(source, ["rev-list", ...args])
        .trim()
        .split("\n");
    const ids = async (range: Parameters<typeof gitAdapter.log>[1]) =>
      (await gitAdapter.log(source, range)).map((commit) => commit.id);
    git(source, ["branch", "-q", "-f", "topic", "main~1"]);
    writeFiles(source, { "topic.txt": "topic\n" });
    git(source, ["checkout", "-q", "topic"]);
    gitCommit(source, "Topic", "Dan <dan@forge.test>", "2026-01-10T00:00:00Z");
    expect(await ids({ to: "topic" })).toEqual(revList("topic"));
    expect(await ids({ from: "main", to: "topic" })).toEqual(revList("topic", "^main"));
    expect(await ids({ from: "topic", to: "main", limit: 1 })).toEqual(
      revList("-n1", "main", "^topic"),
    );
    const [topic] = await gitAdapter.log(source, { to: "topic", limit: 1 });
    expect(topic).toEqual({
      id: revList("topic")[0],
      parents: [revList("main~1")[0]],
      author: { name: "Dan", email: "dan@forge.test" },
      date: "2026-01-10T00:00:00Z",
      message: "Topic",
    });
    await expect(gitAdapter.log(source, { to: "no-such-branch" })).rejects.toThrow(
      "no branch, tag or commit is named “no-such-branch”",
    );
  });

  it("detects repositories and refuses sources it cannot mirror", async () => {
    expect(adapterFor("git").kind).toBe("git");
    expect(await detectRepository(source)).toBe("git");
    expect(await detectRepository(dirname(source))).toBeNull();
    const mirror = join(tempDir("git-mirror"), "mirror.git");
    await expect(gitAdapter.mirror("ssh://forge.test/x.git", mirror, { policy })).rejects.toThrow(
      ScmError,
    );
    await expect(gitAdapter.mirror(tempDir("empty"), mirror, { policy })).rejects.toThrow(
      /is not a Git repository/,
    );
  });
});
