import { rebaseSeries } from "./testing/rebase";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplyConflictError } from "./errors";
import { hgAdapter } from "./hg";
import {
  hgIn,
  hgDate,
  hgHistory,
  removeTempDirs,
  tempDir,
  writeFiles,
  TEST_REPOSITORY_POLICY,
} from "./testing/repos";

const policy = TEST_REPOSITORY_POLICY;

// Real repositories and real tools: generous limits, since CI machines may be busy.
describe("hgAdapter round trips, judged by hg", { timeout: 30_000 }, () => {
  const hg = hgIn;
  let source: string;
  let mirror: string;
  const nodes = async (dir: string, revset: string) =>
    (await hg(dir, ["log", "-r", revset, "-T", "{node}\\n"])).trim().split("\n");
  const importFile = (series: string) => {
    const file = join(tempDir("hg-series"), "series.patch");
    writeFileSync(file, series);
    return file;
  };

  beforeAll(async () => {
    source = await hgHistory();
    mirror = join(tempDir("hg-mirror"), "mirror");
    await hgAdapter.mirror(source, mirror, { policy });
  }, 30_000);
  afterAll(removeTempDirs);

  it("refuses a series of more changesets than the cap", async () => {
    const all = (await nodes(source, "1:")).length;
    await expect(
      hgAdapter.exportSeries(mirror, { base: "0", head: "tip", maxCommits: all - 1 }),
    ).rejects.toThrow(`more than ${all - 1} commits that “0” lacks`);
    const series = await hgAdapter.exportSeries(mirror, {
      base: "0",
      head: "tip",
      maxCommits: all,
    });
    expect(hgAdapter.parseSeries(series).changesets).toHaveLength(all);
  });

  it("exports a series that hg import turns back into the very same changesets", async () => {
    const series = await hgAdapter.exportSeries(mirror, {
      base: "0",
      head: "tip",
      maxCommits: 250,
    });
    const originals = await nodes(source, "1:");
    expect(hgAdapter.parseSeries(series).changesets.map((changeset) => changeset.id)).toEqual(
      originals,
    );
    const clone = join(tempDir("hg-import"), "clone");
    await hg(source, ["clone", "-q", "-r", "0", source, clone]);
    await hg(clone, ["import", "-q", importFile(series)]);
    // The same ids mean the same files, modes, copies, authors, dates and messages.
    expect(await nodes(clone, "1:")).toEqual(originals);
  });

  it("applies hg export output as hg import does, into the mirror", async () => {
    const series = await hg(source, ["export", "--git", "-r", "1:"]);
    const target = join(tempDir("hg-target"), "target");
    await hg(source, ["clone", "-q", "-U", "-r", "0", source, target]);
    const { revisions } = await rebaseSeries(hgAdapter, target, "default", series);
    expect(revisions).toEqual(await nodes(source, "1:"));
    expect(await nodes(target, "default")).toEqual(revisions.slice(-1));
  });

  it("names the file and hunk of a patch that no longer applies, and leaves the branch alone", async () => {
    const series = await hgAdapter.exportSeries(mirror, {
      base: "0",
      head: "tip",
      maxCommits: 250,
    });
    const diverged = join(tempDir("hg-diverged"), "repo");
    await hg(source, ["clone", "-q", "-r", "0", source, diverged]);
    writeFiles(diverged, { "a.txt": "a\nB\nc\n" });
    await hg(diverged, [
      "commit",
      "-q",
      "-u",
      "Carol <carol@forge.test>",
      "-d",
      hgDate("2026-01-04T00:00:00Z"),
      "-m",
      "Change a line",
    ]);
    const before = await nodes(diverged, "all()");

    const error = await rebaseSeries(hgAdapter, diverged, "default", series).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApplyConflictError);
    expect(error).toMatchObject({
      file: "moved/renamed2.txt",
      hunk: { index: 1, header: "@@ -1,3 +1,4 @@" },
      changeset: { index: 3, count: 3, subject: "Rename with an edit; empty a directory" },
    });
    expect(await nodes(diverged, "all()")).toEqual(before);
    expect(await hg(diverged, ["status"])).toBe("");
  });
});
