import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScmError } from "./errors";
import { hgAdapter } from "./hg";
import { adapterFor, detectRepository } from "./index";
import type { MirrorProgress } from "./types";
import {
  hgIn,
  hgDate,
  removeTempDirs,
  tempDir,
  writeFiles,
  TEST_REPOSITORY_POLICY,
} from "./testing/repos";

const policy = TEST_REPOSITORY_POLICY;

// Real repositories and real tools: generous limits, since CI machines may be busy.
describe("hgAdapter mirrors, branches and log", { timeout: 30_000 }, () => {
  const hg = hgIn;
  let source: string;
  const commit = async (message: string, date: string, files: Parameters<typeof writeFiles>[1]) => {
    writeFiles(source, files);
    await hg(source, [
      "commit",
      "-A",
      "-q",
      "-u",
      "Zoë Ünïcode <zoe@forge.test>",
      "-d",
      hgDate(date),
      "-m",
      message,
    ]);
    return (await hg(source, ["log", "-r", ".", "-T", "{node}"])).trim();
  };

  beforeAll(async () => {
    source = tempDir("hg-source");
    await hg(source, ["init"]);
  }, 30_000);
  afterAll(removeTempDirs);

  it("mirrors, lists branches and commits, and pulls what is new", async () => {
    const first = await commit("First", "2026-01-01T10:00:00+01:00", { "a.txt": "a\n" });
    const second = await commit("Second\n\nWith a body.", "2026-01-02T08:30:00-07:00", {
      "a.txt": "b\n",
    });
    await hg(source, ["branch", "-q", "stable/1.x"]);
    const stable = await commit("On a named branch", "2026-01-03T00:00:00Z", { "b.txt": "b\n" });

    const mirror = join(tempDir("hg-mirror"), "mirror");
    await hgAdapter.mirror(source, mirror, { policy });
    expect(await detectRepository(mirror)).toBe("hg");
    expect(adapterFor("hg")).toBe(hgAdapter);
    expect(await hgAdapter.branches(mirror)).toEqual([
      { name: "default", head: second },
      { name: "stable/1.x", head: stable },
    ]);

    const log = await hgAdapter.log(mirror, { to: "stable/1.x" });
    expect(log.map((changeset) => changeset.id)).toEqual([stable, second, first]);
    expect(log[1]).toEqual({
      id: second,
      parents: [first],
      author: { name: "Zoë Ünïcode", email: "zoe@forge.test" },
      date: "2026-01-02T08:30:00-07:00",
      message: "Second\n\nWith a body.",
    });
    expect(log[2]!.parents).toEqual([]);
    const only = await hgAdapter.log(mirror, { from: "default", to: "stable/1.x", limit: 5 });
    expect(only.map((changeset) => changeset.id)).toEqual([stable]);

    await hg(source, ["update", "-q", "default"]);
    const third = await commit("Third", "2026-01-04T00:00:00Z", { "a.txt": "c\n" });
    const progress: MirrorProgress[] = [];
    await hgAdapter.mirror(source, mirror, { onProgress: (event) => progress.push(event), policy });
    expect(progress.map((event) => event.phase)).toContain(
      "added 1 changesets with 1 changes to 1 files (+1 heads)",
    );
    expect(await hgAdapter.branches(mirror)).toContainEqual({ name: "default", head: third });
  });

  it("says what went wrong", async () => {
    const mirror = join(tempDir("hg-mirror"), "mirror");
    await expect(hgAdapter.mirror(tempDir("not-a-repo"), mirror, { policy })).rejects.toThrow(
      ScmError,
    );
    await expect(hgAdapter.log(source, { to: "no-such-branch" })).rejects.toThrow(
      "hg log failed: unknown revision 'no-such-branch'",
    );
    await expect(
      hgAdapter.exportSeries(source, { base: "default", head: "default", maxCommits: 250 }),
    ).rejects.toThrow("“default” has no changesets that “default” lacks");
  });
});
