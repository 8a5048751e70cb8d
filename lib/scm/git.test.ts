import { rebaseSeries } from "./testing/rebase";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplyConflictError, ScmError } from "./errors";
import { gitAdapter } from "./git";
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

const tree = (dir: string, rev: string) => git(dir, ["rev-parse", `${rev}^{tree}`]).trim();
// Author, author date and message of each commit in a range: what a patch series carries.
const carried = (dir: string, range: string) =>
  git(dir, ["log", "--reverse", "--format=%an <%ae> %aI%n%B%x00", range]);

async function mirrorOf(source: string): Promise<string> {
  const dir = join(tempDir("git-mirror"), "mirror.git");
  await gitAdapter.mirror(source, dir, { policy });
  return dir;
}

function gitAm(source: string, series: string): string {
  const clone = tempDir("git-am");
  git(clone, ["clone", "-q", "-b", "main", source, "."]);
  git(clone, ["am", "-q"], { input: series });
  return clone;
}

// Real repositories and real tools: generous limits, since CI machines may be busy.
describe("gitAdapter round trips, judged by git", { timeout: 30_000 }, () => {
  let source: string;
  let mirror: string;
  beforeAll(async () => {
    source = gitHistory();
    mirror = await mirrorOf(source);
  }, 30_000);
  afterAll(removeTempDirs);

  it("exports a series that git am applies to the identical tree, authors and messages", async () => {
    const series = await gitAdapter.exportSeries(mirror, {
      base: "main",
      head: "feature",
      maxCommits: 250,
    });
    expect(series.match(/^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$/gm)).toHaveLength(3);
    expect(series).toContain("GIT binary patch\nliteral 4000\n");
    expect(series).toContain("\\ No newline at end of file\n");
    expect(series).toContain("rename from a.txt\nrename to renamed.txt\n");
    const applied = gitAm(source, series);
    expect(tree(applied, "HEAD")).toBe(tree(source, "feature"));
    expect(carried(applied, "origin/main..HEAD")).toBe(carried(source, "main..feature"));
  });

  it("applies git format-patch output to the tree git am makes, commit by commit", async () => {
    const series = git(source, ["format-patch", "--stdout", "main..feature"]);
    expect(series).toContain("\ndelta ");
    const target = await mirrorOf(source);
    const { revisions } = await rebaseSeries(gitAdapter, target, "main", series);
    expect(revisions).toHaveLength(3);
    expect(git(target, ["rev-parse", "main"]).trim()).toBe(revisions[2]);
    const applied = gitAm(source, series);
    const amCommits = git(applied, ["rev-list", "--reverse", "origin/main..HEAD"])
      .trim()
      .split("\n");
    expect(revisions.map((rev) => tree(target, rev))).toEqual(
      amCommits.map((rev) => tree(applied, rev)),
    );
    expect(tree(target, "main")).toBe(tree(source, "feature"));
    expect(carried(target, "main~3..main")).toBe(carried(source, "main..feature"));
    git(target, ["fsck", "--strict", "--no-dangling"]);
  });

  it("applies its own export back, to the same commits every time", async () => {
    const series = await gitAdapter.exportSeries(mirror, {
      base: "main",
      head: "feature",
      maxCommits: 250,
    });
    const [first, second] = [await mirrorOf(source), await mirrorOf(source)];
    const a = await rebaseSeries(gitAdapter, first, "main", series);
    const b = await rebaseSeries(gitAdapter, second, "main", series);
    expect(a.revisions).toEqual(b.revisions);
    expect(tree(first, "main")).toBe(tree(source, "feature"));
  });

  it("names the file and hunk of a patch that no longer applies, and leaves the branch alone", async () => {
    const diverged = tempDir("git-diverged");
    git(diverged, ["clone", "-q", "-b", "main", source, "."]);
    writeFiles(diverged, { "a.txt": "a\nB\nc\n" });
    gitCommit(
      diverged,
      "Change a line the third patch needs",
      "Carol <carol@forge.test>",
      "2026-01-04T00:00:00Z",
    );
    const target = await mirrorOf(diverged);
    // The revision's own commits are kept (on their base, under a hidden ref); no branch moves.
    const branches = () => git(target, ["for-each-ref", "refs/heads", "refs/tags"]);
    const before = branches();
    const series = await gitAdapter.exportSeries(mirror, {
      base: "main",
      head: "feature",
      maxCommits: 250,
    });

    const error = await rebaseSeries(gitAdapter, target, "main", series).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyConflictError);
    expect(error).toMatchObject({
      file: "renamed.txt",
      hunk: { index: 1, header: "@@ -1,3 +0,0 @@" },
      changeset: { index: 3, count: 3, subject: "Rename with an edit; empty a directory" },
      reason: "line 2 is “B”, the patch expects “b”",
    });
    expect(branches()).toBe(before);

    // git am stops at the same patch.
    const am = tempDir("git-am-conflict");
    git(am, ["clone", "-q", "-b", "main", diverged, "."]);
    expect(() => git(am, ["am", "-q"], { input: series })).toThrow();
    expect(git(am, ["rev-list", "--count", "origin/main..HEAD"]).trim()).toBe("2");
  });

  it("refuses a series of more commits than the cap, counting no further", async () => {
    await expect(
      gitAdapter.exportSeries(mirror, { base: "main", head: "feature", maxCommits: 2 }),
    ).rejects.toThrow("more than 2 commits that “main” lacks");
    expect(
      await gitAdapter.exportSeries(mirror, { base: "main", head: "feature", maxCommits: 3 }),
    ).toContain("Subject: [PATCH 3/3]");
  });

  it("refuses an empty range and a range with a merge", async () => {
    await expect(
      gitAdapter.exportSeries(mirror, { base: "feature", head: "main", maxCommits: 250 }),
    ).rejects.toThrow("“main” has no commits that “feature” lacks");
    const merged = tempDir("git-merge");
    git(merged, ["clone", "-q", "-b", "main", source, "."]);
    writeFiles(merged, { "other.txt": "other\n" });
    gitCommit(merged, "Other", "Carol <carol@forge.test>", "2026-01-05T00:00:00Z");
    git(merged, ["merge", "-q", "--no-edit", "origin/feature"], {
      env: {
        GIT_AUTHOR_DATE: "2026-01-06T00:00:00Z",
        GIT_COMMITTER_DATE: "2026-01-06T00:00:00Z",
        GIT_AUTHOR_NAME: "C",
        GIT_AUTHOR_EMAIL: "c@forge.test",
      },
    });
    const error = await gitAdapter
      .exportSeries(merged, { base: "origin/main", head: "main", maxCommits: 250 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmError);
    expect((error as Error).message).toMatch(/is a merge, which a patch series cannot carry/);
  });
});
