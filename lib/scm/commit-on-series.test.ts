import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceMovedError } from "./errors";
import { gitAdapter } from "./git";
import { hgAdapter } from "./hg";
import {
  git,
  gitCommit,
  hgIn as hg,
  removeTempDirs,
  tempDir,
  topicRepository,
  writeFiles,
} from "./testing/repos";
import type { SeriesCommitInput } from "./types";

const REF = "refs/pubforge/merge-requests/0123456789abcdef01234567/1";

const input = (series: string, branch: string, rewrite = upperSecondLine): SeriesCommitInput => ({
  branch,
  series,
  revisionRef: REF,
  paths: ["src/a.txt"],
  rewrite,
  message: "Apply suggestion from bob@b.test",
  author: { name: "alice", email: "alice@a.test" },
  maxCommits: 50,
});

function upperSecondLine(_path: string, text: string): string {
  const lines = text.split("\n");
  lines[1] = "SUGGESTED";
  return lines.join("\n");
}

describe("a commit on top of a series, judged by git am", { timeout: 30_000 }, () => {
  afterAll(removeTempDirs);

  function setUp() {
    const work = topicRepository("git-suggest-work");
    const series = git(work, ["format-patch", "--stdout", "--base=main", "main..topic"]);
    git(work, ["checkout", "-q", "main"]);
    const bare = tempDir("git-suggest-bare");
    git(bare, ["clone", "-q", "--bare", work, "."]);
    git(bare, ["update-ref", "-d", "refs/heads/topic"]);
    return { bare, series };
  }

  it("adds the edit as a last patch, which applies onto the branch with the rest", async () => {
    const { bare, series } = setUp();
    const text = await gitAdapter.commitOnSeries(bare, input(series, "main"));
    expect(gitAdapter.parseSeries(text).changesets.map((c) => c.message)).toEqual([
      "Add four",
      "Apply suggestion from bob@b.test",
    ]);
    const check = tempDir("git-suggest-am");
    git(check, ["clone", "-q", bare, "."]);
    git(check, ["am", "-q"], { input: text });
    expect(git(check, ["show", "HEAD:src/a.txt"])).toBe("one\nSUGGESTED\nthree\nfour\n");
    expect(git(check, ["log", "-1", "--format=%an <%ae>|%cn <%ce>|%s"]).trim()).toBe(
      "alice <alice@a.test>|Committer <committer@forge.test>|Apply suggestion from bob@b.test",
    );
    expect(git(bare, ["for-each-ref", "refs/heads"]).trim().split("\n")).toHaveLength(1);
  });

  it("commits nothing when the edit refuses, and refuses files that are not there", async () => {
    const { bare, series } = setUp();
    const refusal = new Error("lines changed");
    await expect(
      gitAdapter.commitOnSeries(
        bare,
        input(series, "main", () => {
          throw refusal;
        }),
      ),
    ).rejects.toBe(refusal);
    await expect(
      gitAdapter.commitOnSeries(bare, { ...input(series, "main"), paths: ["../../etc/passwd"] }),
    ).rejects.toThrow("is not a file");
  });
});

describe("a commit on the branch the series came from (hosted Git)", { timeout: 30_000 }, () => {
  afterAll(removeTempDirs);

  /** A bare repository with main and topic (one commit ahead), and topic's series as exported. */
  async function setUp() {
    const work = topicRepository("git-source-work");
    const bare = tempDir("git-source-bare");
    git(bare, ["clone", "-q", "--bare", work, "."]);
    const series = await gitAdapter.exportSeries(bare, {
      base: "main",
      head: "topic",
      maxCommits: 50,
    });
    return { work, bare, series, tip: git(bare, ["rev-parse", "topic"]).trim() };
  }

  /** Another commit on topic, as a push would leave it. */
  function pushOnTopic(work: string, bare: string) {
    git(work, ["checkout", "-q", "topic"]);
    writeFiles(work, { "src/b.txt": "pushed\n" });
    gitCommit(work, "Pushed meanwhile", "Alice <alice@a.test>", "2026-01-03T09:00:00+01:00");
    git(work, ["push", "-q", bare, "topic"]);
    return git(bare, ["rev-parse", "topic"]).trim();
  }

  it("moves the branch to the new commit, on the branch's own commits", async () => {
    const { bare, series, tip } = await setUp();
    const text = await gitAdapter.commitOnSeries(bare, {
      ...input(series, "main"),
      sourceBranch: "topic",
    });
    const changesets = gitAdapter.parseSeries(text).changesets;
    expect(changesets.map((c) => c.id)).toEqual([tip, git(bare, ["rev-parse", "topic"]).trim()]);
    expect(git(bare, ["rev-parse", "topic~1"]).trim()).toBe(tip);
    expect(git(bare, ["show", "topic:src/a.txt"])).toBe("one\nSUGGESTED\nthree\nfour\n");
    expect(git(bare, ["log", "-1", "--format=%s", "topic"]).trim()).toBe(
      "Apply suggestion from bob@b.test",
    );
    // A clone sees it on the branch.
    const clone = tempDir("git-source-clone");
    git(clone, ["clone", "-q", "-b", "topic", bare, "."]);
    expect(readFileSync(join(clone, "src/a.txt"), "utf8")).toBe("one\nSUGGESTED\nthree\nfour\n");
  });

  it("refuses when the branch moved since the revision, and leaves it where the push put it", async () => {
    const { work, bare, series } = await setUp();
    const pushed = pushOnTopic(work, bare);
    await expect(
      gitAdapter.commitOnSeries(bare, { ...input(series, "main"), sourceBranch: "topic" }),
    ).rejects.toBeInstanceOf(SourceMovedError);
    expect(git(bare, ["rev-parse", "topic"]).trim()).toBe(pushed);
    await expect(
      gitAdapter.commitOnSeries(bare, { ...input(series, "main"), sourceBranch: "gone" }),
    ).rejects.toBeInstanceOf(SourceMovedError);
  });

  it("keeps a push that lands while the commit is being made (compare-and-swap)", async () => {
    const { work, bare, series } = await setUp();
    let pushed = "";
    const racing = (path: string, text: string) => {
      pushed = pushOnTopic(work, bare);
      return upperSecondLine(path, text);
    };
    await expect(
      gitAdapter.commitOnSeries(bare, {
        ...input(series, "main", racing),
        sourceBranch: "topic",
      }),
    ).rejects.toBeInstanceOf(SourceMovedError);
    expect(git(bare, ["rev-parse", "topic"]).trim()).toBe(pushed);
  });
});

describe("a commit on top of a series, judged by hg import", { timeout: 60_000 }, () => {
  afterAll(removeTempDirs);
  // A file outside every repository, which a tracked symbolic link points at (made here, not
  // when the file is collected: the Git tests' afterAll removes every temporary directory).
  let VICTIM = "";
  beforeAll(() => {
    VICTIM = join(tempDir("hg-suggest-victim"), "victim.txt");
    writeFileSync(VICTIM, "one\ntwo\n");
  });

  async function setUp() {
    const work = join(tempDir("hg-suggest-work"), "work");
    await hg(tempDir("hg-suggest-cwd"), ["init", work]);
    writeFiles(work, { "src/a.txt": "one\ntwo\nthree\n", "src/link": { link: VICTIM } });
    await hg(work, ["commit", "-q", "-A", "-m", "Base", "-u", "Alice <alice@a.test>"]);
    writeFiles(work, { "src/a.txt": "one\ntwo\nthree\nfour\n" });
    await hg(work, ["commit", "-q", "-m", "Add four", "-u", "Alice <alice@a.test>"]);
    const series = await hg(work, ["export", "--git", "-r", "1"]);
    const served = join(tempDir("hg-suggest-served"), "served");
    await hg(work, ["clone", "-q", "-U", "-r", "0", work, served]);
    return { served, series };
  }

  it("adds the edit as a last patch, which hg import applies with the rest", async () => {
    const { served, series } = await setUp();
    const text = await hgAdapter.commitOnSeries(served, input(series, "default"));
    const changesets = hgAdapter.parseSeries(text).changesets;
    expect(changesets.map((c) => c.message)).toEqual([
      "Add four",
      "Apply suggestion from bob@b.test",
    ]);
    expect(changesets[1]!.author).toEqual({ name: "alice", email: "alice@a.test" });
    const check = join(tempDir("hg-suggest-check"), "check");
    await hg(served, ["clone", "-q", served, check]);
    const patch = join(tempDir("hg-suggest-patch"), "series.patch");
    writeFiles(join(patch, ".."), { "series.patch": text });
    await hg(check, ["import", "-q", "--", patch]);
    expect(await hg(check, ["cat", "-r", "tip", "src/a.txt"])).toBe(
      "one\nSUGGESTED\nthree\nfour\n",
    );
    expect(await hg(served, ["log", "-T", "{node}\\n"])).toHaveLength(41);
  });

  it("refuses paths that leave the working copy, writing nothing there", async () => {
    const { served, series } = await setUp();
    // ../0001.patch exists: the scratch clone sits beside the revision's patches.
    for (const path of ["../0001.patch", ".hg/hgrc", "src", "src/link"]) {
      await expect(
        hgAdapter.commitOnSeries(served, { ...input(series, "default"), paths: [path] }),
        path,
      ).rejects.toThrow("is not a file");
    }
    expect(readFileSync(VICTIM, "utf8")).toBe("one\ntwo\n");
  });
});
