// The scheduled refresh of a project's copy from its upstream, with real Git repositories and a
// real SQLite cache: new upstream commits come in, merges not pushed yet are kept, and the
// project's state says which.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findProject } from "@/lib/cache/projects";
import { findRepositoryMirror } from "@/lib/cache/repository-mirrors";
import { stopInstance } from "@/lib/forge/federation/instance";
import { createProject } from "@/lib/forge/projects/operations";
import { fakeForge, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { gitAdapter } from "@/lib/scm/git";
import { rebaseSeries } from "@/lib/scm/testing/rebase";
import { projectRepositoryDir } from "./mirrors";
import { refreshPullMirror } from "./pull-schedule";

const root = mkdtempSync(path.join(tmpdir(), "pubforge-pull-schedule-"));
process.env.PUBFORGE_MIRROR_DIR = path.join(root, "mirrors");
process.env.PUBFORGE_REPOSITORY_ALLOW = root;

const env = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "A",
  GIT_AUTHOR_EMAIL: "a@a.test",
  GIT_COMMITTER_NAME: "A",
  GIT_COMMITTER_EMAIL: "a@a.test",
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();
function commit(cwd: string, file: string, message: string): void {
  writeFileSync(path.join(cwd, file), `${message}\n`);
  git(cwd, "add", file);
  git(cwd, "commit", "-q", "-m", message);
}

describe("pull mirrors", { timeout: 60_000 }, () => {
  useCacheDatabase();
  const { viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  afterAll(async () => {
    await stopInstance();
    rmSync(root, { recursive: true, force: true });
  });

  it("bring upstream commits in and keep merges not pushed yet, saying so", async () => {
    const upstream = path.join(root, "upstream");
    git(root, "init", "-q", "-b", "main", upstream);
    commit(upstream, "README", "Start");
    const id = await createProject(alice, projectForm("pulled", { cloneUrl: upstream }));
    const project = () => findProject(id).then((found) => found!);
    const copy = projectRepositoryDir({ service: "pubsub.a.test", slug: "pulled", scm: "git" });
    const tip = () => git(root, "--git-dir", copy, "rev-parse", "main");

    await refreshPullMirror(await project());
    expect(await findRepositoryMirror(id)).toMatchObject({ pullState: "ok", pullDetail: "" });
    expect(tip()).toBe(git(upstream, "rev-parse", "main"));

    // A merge here, not pushed: the copy is ahead, and stays so.
    const fork = path.join(root, "fork");
    git(root, "clone", "-q", upstream, fork);
    commit(fork, "NOTES", "Notes");
    const patch = git(fork, "format-patch", "--stdout", "-1", "main");
    const { revisions } = await rebaseSeries(gitAdapter, copy, "main", `${patch}\n`);
    await refreshPullMirror(await project());
    expect(await findRepositoryMirror(id)).toMatchObject({
      pullState: "ahead",
      pullDetail: "main",
    });
    expect(tip()).toBe(revisions.at(-1));

    // The upstream moves on too: diverged, and the merge is still not overwritten.
    commit(upstream, "LATER", "Later upstream");
    await refreshPullMirror(await project());
    expect(await findRepositoryMirror(id)).toMatchObject({
      pullState: "diverged",
      pullDetail: "main",
    });
    expect(tip()).toBe(revisions.at(-1));
  });

  it("records a refresh that cannot be made, with the reason", async () => {
    const id = await createProject(
      alice,
      projectForm("unreachable", { cloneUrl: "http://127.0.0.1:9/nothing.git" }),
    );
    await refreshPullMirror((await findProject(id))!);
    expect(await findRepositoryMirror(id)).toMatchObject({
      pullState: "failed",
      pullDetail: expect.stringContaining("loopback"),
    });
  });
});
