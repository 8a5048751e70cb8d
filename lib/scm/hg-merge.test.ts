import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { MergeConflictError, NotFastForwardError } from "./errors";
import { hgAdapter } from "./hg";
import { hgIn as hg, removeTempDirs, tempDir, writeFiles } from "./testing/repos";
import type { MergeInput } from "./types";

const commit = (dir: string, message: string, user: string) =>
  hg(dir, ["commit", "-q", "-A", "-m", message, "-u", user, "-d", "1767254400 0"]);
const nodes = async (dir: string, revset: string) =>
  (await hg(dir, ["log", "-r", revset, "-T", "{node}\\n"])).split("\n").filter(Boolean);

/** A served repository (no working copy) on `default`, and a two-changeset series made on it. */
async function setUp() {
  const work = join(tempDir("hg-merge-work"), "work");
  await hg(tempDir("hg-merge-cwd"), ["init", work]);
  writeFiles(work, { "a.txt": "a\n", "b.txt": "b\n" });
  await commit(work, "Base", "Alice <alice@forge.test>");
  writeFiles(work, { "a.txt": "a\ntopic\n" });
  await commit(work, "Topic one", "Bob <bob@forge.test>");
  writeFiles(work, { "c.txt": "c\n" });
  await commit(work, "Topic two", "Bob <bob@forge.test>");
  const series = await hg(work, ["export", "--git", "-r", "1:2"]);
  const topic = await nodes(work, "1:2");
  const served = join(tempDir("hg-merge-served"), "served");
  await hg(work, ["clone", "-q", "-U", "-r", "0", work, served]);
  await hg(work, ["update", "-q", "0"]);
  return { work, served, series, topic };
}

const input = (series: string): MergeInput => ({
  branch: "default",
  series,
  revisionRef: "unused by Mercurial",
  mergeMessage: "Merge !1: Topic",
  squashMessage: "Topic\n\nSquashed.",
  merger: { name: "carol@forge.test", email: "carol@forge.test" },
});

/** Moves `default` of the served repository on by one changeset. */
async function advance(repo: Awaited<ReturnType<typeof setUp>>, files: Record<string, string>) {
  writeFiles(repo.work, files);
  await commit(repo.work, "Default moves", "Alice <alice@forge.test>");
  await hg(repo.work, ["push", "-q", "-f", "-r", ".", repo.served]);
}

describe("hg merge strategies, judged by hg", { timeout: 60_000 }, () => {
  let repo: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    repo = await setUp();
  });
  afterAll(removeTempDirs);

  it("fast-forwards with the revision's own changesets, and then calls it merged", async () => {
    const check = await hgAdapter.mergeability(repo.served, input(repo.series));
    expect(check.strategies["fast-forward"]).toEqual({ ok: true });
    expect(check.strategies.merge).toEqual({ ok: false, reason: "unsupported" });
    expect(await nodes(repo.served, "all()")).toHaveLength(1);
    const { revisions } = await hgAdapter.merge(repo.served, input(repo.series), "fast-forward");
    expect(revisions).toEqual(repo.topic);
    expect(await nodes(repo.served, "default")).toEqual(repo.topic.slice(-1));
    expect((await hgAdapter.mergeability(repo.served, input(repo.series))).alreadyMerged).toBe(
      true,
    );
  });

  it("makes a merge commit with two parents once default has moved", async () => {
    await advance(repo, { "b.txt": "b moved\n" });
    const check = await hgAdapter.mergeability(repo.served, input(repo.series));
    expect(check).toMatchObject({ targetAhead: 1, strategies: { merge: { ok: true } } });
    expect(check.strategies["fast-forward"].ok).toBe(false);
    await expect(
      hgAdapter.merge(repo.served, input(repo.series), "fast-forward"),
    ).rejects.toBeInstanceOf(NotFastForwardError);
    const { revisions } = await hgAdapter.merge(repo.served, input(repo.series), "merge");
    const tip = revisions.at(-1)!;
    expect(await nodes(repo.served, `parents(${tip})`)).toHaveLength(2);
    expect(await nodes(repo.served, "heads(default)")).toEqual([tip]);
    expect(await hg(repo.served, ["log", "-r", tip, "-T", "{desc}|{author}"])).toBe(
      "Merge !1: Topic|carol@forge.test <carol@forge.test>",
    );
  });

  it("squashes into one changeset by the first changeset's author", async () => {
    await advance(repo, { "b.txt": "b moved\n" });
    const { revisions } = await hgAdapter.merge(repo.served, input(repo.series), "squash");
    expect(revisions).toHaveLength(1);
    expect(await hg(repo.served, ["log", "-r", "default", "-T", "{author}|{desc}"])).toBe(
      "Bob <bob@forge.test>|Topic\n\nSquashed.",
    );
    expect(await hg(repo.served, ["cat", "-r", "default", "c.txt"])).toBe("c\n");
  });

  it("rebases onto default, one changeset per patch", async () => {
    await advance(repo, { "b.txt": "b moved\n" });
    const moved = (await nodes(repo.served, "default"))[0]!;
    const { revisions } = await hgAdapter.merge(repo.served, input(repo.series), "rebase");
    expect(revisions).toHaveLength(2);
    expect(await nodes(repo.served, `parents(${revisions[0]})`)).toEqual([moved]);
  });

  it("shows conflicts before, and refuses a conflicting merge leaving default alone", async () => {
    await advance(repo, { "a.txt": "A changed\n" });
    const check = await hgAdapter.mergeability(repo.served, input(repo.series));
    expect(check.strategies.merge).toEqual({ ok: false, reason: "conflicts", files: ["a.txt"] });
    expect(check.strategies.rebase).toMatchObject({ ok: false, files: ["a.txt"] });
    const before = await nodes(repo.served, "all()");
    await expect(hgAdapter.merge(repo.served, input(repo.series), "merge")).rejects.toBeInstanceOf(
      MergeConflictError,
    );
    expect(await nodes(repo.served, "all()")).toEqual(before);
  });
});
