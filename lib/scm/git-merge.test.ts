import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { MergeConflictError, NotFastForwardError, TargetMovedError } from "./errors";
import { gitAdapter } from "./git";
import { git, gitCommit, removeTempDirs, tempDir, writeFiles } from "./testing/repos";
import type { MergeInput } from "./types";
import { updateRef } from "./git-commands/update-ref";

const ALICE = "Alice <alice@forge.test>";
const REF = "refs/pubforge/merge-requests/0123456789abcdef01234567/1";

/** A bare repository with `main`, and a two-commit series made on main's first commit. */
function setUp(): { bare: string; work: string; series: string; topic: string } {
  const work = tempDir("git-merge-work");
  git(work, ["init", "-q", "-b", "main"]);
  writeFiles(work, { "a.txt": "a\n", "b.txt": "b\n" });
  gitCommit(work, "Base", ALICE, "2026-01-01T09:00:00+01:00");
  git(work, ["checkout", "-q", "-b", "topic"]);
  writeFiles(work, { "a.txt": "a\ntopic\n" });
  gitCommit(work, "Topic one", "Bob <bob@forge.test>", "2026-01-02T09:00:00+01:00");
  writeFiles(work, { "c.txt": "c\n" });
  gitCommit(work, "Topic two", "Bob <bob@forge.test>", "2026-01-02T10:00:00+01:00");
  const series = git(work, ["format-patch", "--stdout", "--base=main", "main..topic"]);
  const topic = git(work, ["rev-parse", "topic"]).trim();
  git(work, ["checkout", "-q", "main"]);
  const bare = tempDir("git-merge-bare");
  git(bare, ["clone", "-q", "--bare", work, "."]);
  git(bare, ["update-ref", "-d", "refs/heads/topic"]);
  return { bare, work, series, topic };
}

const input = (series: string): MergeInput => ({
  branch: "main",
  series,
  revisionRef: REF,
  mergeMessage: "Merge !1: Topic",
  squashMessage: "Topic\n\nSquashed.",
  merger: { name: "carol@forge.test", email: "carol@forge.test" },
});

/** Moves main on by one commit touching `file` in the bare repository. */
function advanceMain(bare: string, work: string, files: Record<string, string>): void {
  writeFiles(work, files);
  gitCommit(work, "Main moves", ALICE, "2026-01-03T09:00:00+01:00");
  git(work, ["push", "-q", bare, "main"]);
}

const parents = (bare: string, rev: string) =>
  git(bare, ["log", "-1", "--format=%P", rev]).trim().split(" ").filter(Boolean);

describe("git merge strategies, judged by git", { timeout: 30_000 }, () => {
  let repo: ReturnType<typeof setUp>;
  beforeEach(() => {
    repo = setUp();
  });
  afterAll(removeTempDirs);

  it("keeps the series as commits on its recorded base under the hidden ref", async () => {
    const check = await gitAdapter.mergeability(repo.bare, input(repo.series));
    const kept = git(repo.bare, ["rev-parse", REF]).trim();
    expect(git(repo.bare, ["rev-parse", `${kept}~2`]).trim()).toBe(
      git(repo.bare, ["rev-parse", "main"]).trim(),
    );
    expect(git(repo.bare, ["rev-parse", `${kept}^{tree}`])).toBe(
      git(repo.work, ["rev-parse", "topic^{tree}"]),
    );
    expect(check).toMatchObject({ alreadyMerged: false, targetAhead: 0 });
    expect(Object.values(check.strategies).every((s) => s.ok)).toBe(true);
    expect(git(repo.bare, ["rev-parse", "main"]).trim()).not.toBe(repo.topic);
  });

  it("makes a series into the very commits it came from, when their committer is their author", async () => {
    const work = tempDir("git-merge-same");
    git(work, ["init", "-q", "-b", "main"]);
    writeFiles(work, { "a.txt": "a\n" });
    gitCommit(work, "Base", ALICE, "2026-01-01T09:00:00+00:00");
    writeFiles(work, { "a.txt": "b\n" });
    const date = "2026-01-02T09:00:00+00:00";
    git(work, ["commit", "-q", "-am", "Same"], {
      env: {
        GIT_AUTHOR_NAME: "Bob",
        GIT_AUTHOR_EMAIL: "bob@forge.test",
        GIT_COMMITTER_NAME: "Bob",
        GIT_COMMITTER_EMAIL: "bob@forge.test",
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    const bare = tempDir("git-merge-same-bare");
    git(bare, ["clone", "-q", "--bare", work, "."]);
    git(bare, ["update-ref", "refs/heads/main", "main~1"]);
    const series = git(work, ["format-patch", "--stdout", "--base=main~1", "-1"]);
    await gitAdapter.merge(bare, input(series), "fast-forward");
    expect(git(bare, ["rev-parse", "main"])).toBe(git(work, ["rev-parse", "main"]));
  });

  it("fast-forwards to the revision's own commits", async () => {
    git(repo.bare, ["update-ref", REF, repo.topic]);
    const { revisions } = await gitAdapter.merge(repo.bare, input(repo.series), "fast-forward");
    expect(git(repo.bare, ["rev-parse", "main"]).trim()).toBe(repo.topic);
    expect(revisions).toEqual(
      git(repo.work, ["rev-list", "--reverse", "main..topic"]).split("\n").filter(Boolean),
    );
    const again = await gitAdapter.mergeability(repo.bare, input(repo.series));
    expect(again.alreadyMerged).toBe(true);
  });

  it("makes a two-parent merge commit, even when main has not moved", async () => {
    const { revisions } = await gitAdapter.merge(repo.bare, input(repo.series), "merge");
    const tip = git(repo.bare, ["rev-parse", "main"]).trim();
    expect(revisions).toEqual([tip]);
    expect(parents(repo.bare, tip)[1]).toBe(git(repo.bare, ["rev-parse", REF]).trim());
    expect(git(repo.bare, ["log", "-1", "--format=%s|%cn", tip]).trim()).toBe(
      "Merge !1: Topic|carol@forge.test",
    );
  });

  it("squashes into one commit authored by the first changeset's author", async () => {
    const before = git(repo.bare, ["rev-parse", "main"]).trim();
    await gitAdapter.merge(repo.bare, input(repo.series), "squash");
    expect(parents(repo.bare, "main")).toEqual([before]);
    expect(git(repo.bare, ["log", "-1", "--format=%an|%B", "main"]).trim()).toBe(
      "Bob|Topic\n\nSquashed.",
    );
    expect(git(repo.bare, ["show", "main:c.txt"])).toBe("c\n");
  });

  it("rebases onto a moved main, refuses a fast-forward there, and counts what main gained", async () => {
    advanceMain(repo.bare, repo.work, { "b.txt": "b moved\n" });
    const check = await gitAdapter.mergeability(repo.bare, input(repo.series));
    expect(check.targetAhead).toBe(1);
    expect(check.strategies["fast-forward"]).toEqual({ ok: false, reason: "not-fast-forward" });
    await expect(
      gitAdapter.merge(repo.bare, input(repo.series), "fast-forward"),
    ).rejects.toBeInstanceOf(NotFastForwardError);
    const moved = git(repo.bare, ["rev-parse", "main"]).trim();
    const { revisions } = await gitAdapter.merge(repo.bare, input(repo.series), "rebase");
    expect(revisions).toHaveLength(2);
    expect(git(repo.bare, ["rev-list", "--count", `${moved}..main`]).trim()).toBe("2");
    expect(parents(repo.bare, revisions[0]!)).toEqual([moved]);
  });

  it("shows conflicts before, and refuses a conflicting merge without moving main", async () => {
    advanceMain(repo.bare, repo.work, { "a.txt": "a\nmain\n" });
    const check = await gitAdapter.mergeability(repo.bare, input(repo.series));
    expect(check.strategies.merge).toEqual({ ok: false, reason: "conflicts", files: ["a.txt"] });
    expect(check.strategies.rebase).toMatchObject({ ok: false, files: ["a.txt"] });
    const tip = git(repo.bare, ["rev-parse", "main"]).trim();
    const error = await gitAdapter.merge(repo.bare, input(repo.series), "merge").catch((e) => e);
    expect(error).toBeInstanceOf(MergeConflictError);
    expect(git(repo.bare, ["rev-parse", "main"]).trim()).toBe(tip);
  });

  it("moves a ref only from the value it was read at (compare-and-swap)", async () => {
    const tip = git(repo.bare, ["rev-parse", "main"]).trim();
    advanceMain(repo.bare, repo.work, { "d.txt": "pushed\n" });
    const pushed = git(repo.bare, ["rev-parse", "main"]).trim();
    const error = await updateRef(repo.bare, "refs/heads/main", tip, repo.topic, "main").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TargetMovedError);
    expect(git(repo.bare, ["rev-parse", "main"]).trim()).toBe(pushed);
    await updateRef(repo.bare, "refs/heads/main", tip, pushed);
    expect(git(repo.bare, ["rev-parse", "main"]).trim()).toBe(tip);
  });
});
