// The clone route's rules (issue #12): only Git's three smart-HTTP endpoints are served, and
// only a signed-in person's clone makes the server fetch the project's upstream.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertProject } from "@/lib/cache/projects";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import type { Viewer } from "@/lib/forge/viewer";
import { git, gitCommit, removeTempDirs, tempDir, writeFiles } from "@/lib/scm/testing/repos";
import type { XmppSession } from "@/lib/xmpp/session";
import {
  serveProjectRepository,
  type PushContext,
  type RepositoryPrincipal,
  type RepositoryRequest,
} from "./http";
import { projectRepositoryDir } from "./mirrors";

const SERVICE = "pubsub.a.test";
// An open project: who may read it is not asked of any session.
const alice: RepositoryPrincipal = {
  kind: "viewer",
  viewer: { jid: "alice@a.test", session: {} as XmppSession } satisfies Viewer,
};
const anonymous: RepositoryPrincipal = { kind: "anonymous" };
const context: PushContext = { origin: "http://localhost", explain: String };

function request(path: string, query = ""): RepositoryRequest {
  return {
    path,
    method: "GET",
    query,
    contentType: null,
    contentEncoding: null,
    gitProtocol: null,
    contentLength: null,
    body: null,
  };
}

const advertise = async (viewer: RepositoryPrincipal) => {
  const response = await serveProjectRepository(
    SERVICE,
    "code",
    viewer,
    request("info/refs", "service=git-upload-pack"),
    context,
  );
  expect(response.status).toBe(200);
  return response.text();
};

describe("serveProjectRepository", { timeout: 60_000 }, () => {
  useCacheDatabase();
  let upstream = "";
  const saved = {
    allow: process.env.PUBFORGE_REPOSITORY_ALLOW,
    mirrors: process.env.PUBFORGE_MIRROR_DIR,
  };

  beforeAll(async () => {
    upstream = tempDir("clone-upstream");
    git(upstream, ["init", "-q", "-b", "main"]);
    writeFiles(upstream, { "a.txt": "a\n" });
    gitCommit(upstream, "First", "Alice <alice@a.test>", "2026-01-01T00:00:00Z");
    // Before the first config(): the operator's allow-list names this local upstream.
    process.env.PUBFORGE_REPOSITORY_ALLOW = upstream;
    process.env.PUBFORGE_MIRROR_DIR = tempDir("clone-mirrors");
    await upsertProject({
      id: `${SERVICE}/code`,
      service: SERVICE,
      slug: "code",
      name: "Code",
      description: "",
      scm: "git",
      cloneUrl: upstream,
      defaultBranch: "main",
      accessModel: "open",
      repositoryHost: "",
      rawXml: "",
    });
  });
  afterAll(() => {
    for (const [name, value] of [
      ["PUBFORGE_REPOSITORY_ALLOW", saved.allow],
      ["PUBFORGE_MIRROR_DIR", saved.mirrors],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    removeTempDirs();
  });

  it("serves the three smart-HTTP endpoints and nothing else below the repository", async () => {
    for (const path of [
      "HEAD",
      "config",
      "objects/info/packs",
      "info/refs/../../config",
      "../../code.git/config",
      "..",
      "info/refs/",
      "git-upload-pack/x",
      "",
    ]) {
      const response = await serveProjectRepository(SERVICE, "code", alice, request(path), context);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toBe("Only Git's smart HTTP is served here.\n");
    }
    expect(
      (await serveProjectRepository(SERVICE, "code", alice, request("git-receive-pack"), context))
        .status,
    ).toBe(403);
    expect(await advertise(alice)).toContain("refs/heads/main");
  });

  it("fetches the upstream for a signed-in person's clone only", async () => {
    const head = () => git(upstream, ["rev-parse", "main"]).trim();
    const first = head();
    expect(await advertise(anonymous)).toContain(first);

    writeFiles(upstream, { "b.txt": "b\n" });
    gitCommit(upstream, "Second", "Alice <alice@a.test>", "2026-01-02T00:00:00Z");
    // An anonymous clone gets the repository as last fetched: the new commit is not there.
    const asLastFetched = await advertise(anonymous);
    expect(asLastFetched).toContain(first);
    expect(asLastFetched).not.toContain(head());
    // Someone signed in brings it up to date.
    expect(await advertise(alice)).toContain(head());
  });

  it("fetches once for an anonymous clone of a repository never fetched", async () => {
    const dir = projectRepositoryDir({ service: SERVICE, slug: "code", scm: "git" });
    expect(existsSync(dir)).toBe(true);
    await upsertProject({
      id: `${SERVICE}/fresh`,
      service: SERVICE,
      slug: "fresh",
      name: "Fresh",
      description: "",
      scm: "git",
      cloneUrl: upstream,
      defaultBranch: "main",
      accessModel: "open",
      repositoryHost: "",
      rawXml: "",
    });
    const response = await serveProjectRepository(
      SERVICE,
      "fresh",
      anonymous,
      request("info/refs", "service=git-upload-pack"),
      context,
    );
    expect(await response.text()).toContain(git(upstream, ["rev-parse", "main"]).trim());
  });
});
