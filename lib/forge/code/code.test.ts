// The code browser's domain against an in-memory pubsub service, a real SQLite cache and real
// Git repositories: who may read a project's code, what there is to read, and how a file from
// the repository is served.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopInstance } from "@/lib/forge/federation/instance";
import { createProject } from "@/lib/forge/projects/operations";
import { fakeForge, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { git, gitCommit, removeTempDirs, tempDir, writeFiles } from "@/lib/scm/testing/repos";
import { locate, repositoryUrls, viewPath } from "./browse";
import { logPage } from "./history";
import { serveRawFile } from "./raw";
import { openCodeRepository } from "./repository";

function upstream(): string {
  const dir = tempDir("code-upstream");
  git(dir, ["init", "-q", "-b", "main"]);
  writeFiles(dir, {
    "README.md": "# Hello\n\nSee [the guide](docs/guide.md) and #1.\n",
    "docs/page.html": "<script>alert(1)</script>\n",
    "docs/logo.png": Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
    "bin/tool": Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]),
  });
  gitCommit(dir, "Start", "Alice <alice@a.test>", "2026-01-01T00:00:00Z");
  return dir;
}

describe("the code browser's domain", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  const saved = { ...process.env };
  let repos: string;
  let open: string;
  let closed: string;

  beforeAll(async () => {
    process.env.PUBFORGE_MIRROR_DIR = tempDir("code-mirrors");
    repos = tempDir("code-repos");
    // Local repositories are read only where the operator's allow-list says, before config() reads it.
    process.env.PUBFORGE_REPOSITORY_ALLOW = repos;
    const source = join(repos, "upstream");
    git(repos, ["clone", "-q", upstream(), source]);
    open = await createProject(alice, projectForm("open-code", { cloneUrl: source }));
    closed = await createProject(
      alice,
      projectForm("closed-code", { cloneUrl: source, access: "whitelist" }),
    );
  }, 30_000);
  afterAll(async () => {
    await stopInstance();
    process.env = saved;
    removeTempDirs();
  });

  it("reads a public project's repository for anyone: the tree, its README, the log", async () => {
    const { repository } = await openCodeRepository(open, null);
    if (repository.state !== "ready") throw new Error(`not ready: ${repository.state}`);
    expect(repository.defaultRef).toBe("main");
    const commit = await locate(repository, "main");
    const root = await viewPath(repository, commit.id, "", "/p/pubsub.a.test/open-code");
    expect(root.kind === "dir" && root.entries.map((e) => e.name)).toEqual([
      "bin",
      "docs",
      "README.md",
    ]);
    const readme = root.kind === "dir" ? root.readme?.html : undefined;
    expect(readme).toContain("<h1>Hello</h1>");
    expect(readme).toContain('href="/p/pubsub.a.test/open-code/tickets/1"');
    // A relative link names a file beside the README, at the same commit.
    expect(readme).toContain(
      `href="/p/pubsub.a.test/open-code/code/tree/${commit.id}/docs/guide.md"`,
    );
    const log = await logPage(repository, commit.id, { path: "docs", page: 1 });
    expect(log.commits.map((c) => c.message)).toEqual(["Start"]);
    expect(log.hasOlder).toBe(false);
  });

  it("reads a members-only project's code for its members and for nobody else", async () => {
    expect((await openCodeRepository(closed, alice)).repository.state).toBe("ready");
    for (const visitor of [bob, null]) {
      await expect(openCodeRepository(closed, visitor)).rejects.toMatchObject({
        code: "project-gone",
      });
      const refused = await serveRawFile(closed, visitor, "main", "README.md");
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain("Hello");
    }
    expect((await serveRawFile(closed, alice, "main", "README.md")).status).toBe(200);
  });

  it("serves text as text/plain, never HTML, binaries as downloads, raster images as images", async () => {
    const serve = (path: string) => serveRawFile(open, null, "main", path);
    const html = await serve("docs/page.html");
    expect(html.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(html.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(html.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(await html.text()).toBe("<script>alert(1)</script>\n");
    const tool = await serve("bin/tool");
    expect(tool.headers.get("Content-Type")).toBe("application/octet-stream");
    expect(tool.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''tool");
    const logo = await serve("docs/logo.png");
    expect(logo.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await logo.arrayBuffer())).toHaveLength(7);
    expect((await serve("docs")).status).toBe(404);
    expect((await serve("nothing.txt")).status).toBe(404);
  });

  it("answers a revision or path from the URL that is an option or a way out with a 404", async () => {
    for (const [rev, path] of [
      ["--output=/tmp/x", "README.md"],
      ["main~1", "README.md"],
      ["main", "docs/../../../etc/passwd"],
      ["main", "/etc/passwd"],
    ] as const) {
      const refused = await serveRawFile(open, null, rev, path);
      expect(refused.status, `${rev} ${path}`).toBe(404);
      expect(await refused.text()).not.toContain("root:");
    }
  });

  it("says when there is no repository, an empty one, or one it cannot fetch", async () => {
    const none = await createProject(alice, projectForm("no-code"));
    expect((await openCodeRepository(none, alice)).repository).toEqual({ state: "none" });

    const empty = join(repos, "empty");
    git(repos, ["init", "-q", "-b", "main", empty]);
    const emptyProject = await createProject(alice, projectForm("empty-code", { cloneUrl: empty }));
    expect((await openCodeRepository(emptyProject, alice)).repository.state).toBe("empty");

    const elsewhere = await createProject(
      alice,
      projectForm("far-code", { cloneUrl: tempDir("not-allowed") }),
    );
    const { repository } = await openCodeRepository(elsewhere, alice);
    expect(repository).toMatchObject({ state: "unavailable" });
    expect(repository.state === "unavailable" && repository.reason).toMatch(/not allowed|allow/);
  });
});

describe("relative links of a markdown file in the repository", () => {
  const resolve = repositoryUrls("/p/s/p", "c0ffee", "docs/sub dir/README.md");
  it("resolve beside the file, at the same commit, and never above the root", () => {
    expect(resolve("guide.md#usage", "link")).toBe(
      "/p/s/p/code/tree/c0ffee/docs/sub%20dir/guide.md#usage",
    );
    expect(resolve("../../../../etc/passwd", "link")).toBe("/p/s/p/code/tree/c0ffee/etc/passwd");
    expect(resolve("img/logo.png", "image")).toBe(
      "/p/s/p/code/raw/c0ffee/docs/sub%20dir/img/logo.png",
    );
  });
  it("leave absolute URLs, site paths, anchors and unreadable names alone", () => {
    for (const url of ["https://example.org/x", "/p/other", "#top", "?q=1", "mailto:a@b", "a%zz"]) {
      expect(resolve(url, "link")).toBe(url);
    }
  });
});
