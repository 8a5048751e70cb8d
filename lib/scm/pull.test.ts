import { rebaseSeries } from "./testing/rebase";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApplyConflictError } from "./errors";
import { gitAdapter } from "./git";
import { hgAdapter } from "./hg";
import { git, gitCommit, hgDate, hgIn, removeTempDirs, tempDir, writeFiles } from "./testing/repos";

/** `git format-patch` of the tip commit of `branch` in `repo`. */
const formatPatch = (repo: string, branch: string) =>
  git(repo, ["format-patch", "--stdout", "-1", branch]);

describe("pull keeps what was merged", { timeout: 30_000 }, () => {
  afterAll(removeTempDirs);

  it("git: upstream commits come in, merged ones stay, and a second merge meets the first", async () => {
    const upstream = tempDir("git-upstream");
    git(upstream, ["init", "-q", "-b", "main"]);
    writeFiles(upstream, { "README.md": "hello\n" });
    gitCommit(upstream, "Start", "Alice <alice@a.test>", "2026-01-01T00:00:00Z");
    const forks = ["A", "B"].map((name) => {
      const fork = tempDir(`git-fork-${name}`);
      git(fork, ["clone", "-q", "--no-local", upstream, "."]);
      writeFiles(fork, { "docs/EXAMPLES.md": `examples by ${name}\n` });
      gitCommit(fork, `Examples ${name}`, `${name} <${name}@b.test>`, "2026-01-02T00:00:00Z");
      return fork;
    });
    const project = join(tempDir("git-project"), "repo");

    await gitAdapter.pull(upstream, project);
    const { revisions } = await rebaseSeries(
      gitAdapter,
      project,
      "main",
      formatPatch(forks[0]!, "main"),
    );
    // A refresh from the upstream, which lacks the merge, must not move main back.
    expect(await gitAdapter.pull(upstream, project)).toEqual({ diverged: [], ahead: ["main"] });
    expect(git(project, ["rev-parse", "main"]).trim()).toBe(revisions.at(-1));

    await expect(
      rebaseSeries(gitAdapter, project, "main", formatPatch(forks[1]!, "main")),
    ).rejects.toThrow(ApplyConflictError);
    expect(git(project, ["show", "main:docs/EXAMPLES.md"])).toBe("examples by A\n");

    // Once the upstream has the merged commit and more, main moves forward to it.
    git(upstream, ["fetch", "-q", project, "main"]);
    git(upstream, ["merge", "-q", "--ff-only", "FETCH_HEAD"]);
    writeFiles(upstream, { "later.txt": "later\n" });
    gitCommit(upstream, "Later", "Alice <alice@a.test>", "2026-01-03T00:00:00Z");
    expect(await gitAdapter.pull(upstream, project)).toEqual({ diverged: [], ahead: [] });
    expect(git(project, ["rev-parse", "main"])).toBe(git(upstream, ["rev-parse", "main"]));

    // The upstream moves on without a later merge: both branches keep their own commits.
    const third = tempDir("git-fork-C");
    git(third, ["clone", "-q", "--no-local", project, "."]);
    writeFiles(third, { "c.txt": "c\n" });
    gitCommit(third, "C", "C <c@b.test>", "2026-01-04T00:00:00Z");
    const { revisions: later } = await rebaseSeries(
      gitAdapter,
      project,
      "main",
      formatPatch(third, "main"),
    );
    writeFiles(upstream, { "upstream-only.txt": "theirs\n" });
    gitCommit(upstream, "Upstream only", "Alice <alice@a.test>", "2026-01-04T00:00:00Z");
    expect(await gitAdapter.pull(upstream, project)).toEqual({ diverged: ["main"], ahead: [] });
    expect(git(project, ["rev-parse", "main"]).trim()).toBe(later.at(-1));
    git(project, ["fsck", "--strict", "--no-dangling"]);
  });

  it("hg: a pull adds changesets and never drops the merged ones", async () => {
    const upstream = tempDir("hg-upstream");
    await hgIn(upstream, ["init"]);
    writeFiles(upstream, { "README.md": "hello\n" });
    await hgIn(upstream, [
      "commit",
      "-A",
      "-q",
      "-u",
      "Alice",
      "-d",
      hgDate("2026-01-01T00:00:00Z"),
      "-m",
      "Start",
    ]);
    const project = join(tempDir("hg-project"), "repo");
    await hgAdapter.pull(upstream, project);
    const patch = [
      "# HG changeset patch",
      "# User Bob <bob@b.test>",
      "# Date 1767312000 0",
      "# Node ID 1111111111111111111111111111111111111111",
      "# Parent  0000000000000000000000000000000000000000",
      "Examples",
      "",
      "diff --git a/docs/EXAMPLES.md b/docs/EXAMPLES.md",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/docs/EXAMPLES.md",
      "@@ -0,0 +1,1 @@",
      "+examples",
      "",
    ].join("\n");
    const { revisions } = await rebaseSeries(hgAdapter, project, "default", patch);
    await hgAdapter.pull(upstream, project);
    const log = await hgIn(project, ["log", "-T", "{node}\\n"]);
    expect(log.split("\n")).toContain(revisions.at(-1));
  });
});
