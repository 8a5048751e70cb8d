import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RefusedInputError } from "./browse-input";
import { UnknownRevisionError } from "./errors";
import { gitAdapter } from "./git";
import { hgAdapter } from "./hg";
import {
  git,
  gitHistory,
  hgHistory,
  hgIn,
  removeTempDirs,
  tempDir,
  TEST_REPOSITORY_POLICY,
  writeFiles,
} from "./testing/repos";
import type { ScmAdapter, TreeEntry } from "./types";

const policy = TEST_REPOSITORY_POLICY;

/**
 * The code browser's reads, for both SCMs, on the history of testing/repos.ts made by the real
 * tools, plus a file whose name an SCM would read as an option or a pattern. `ids` are that
 * history's commits, oldest first; `base` names the first, `head` the last.
 */
interface Browsed {
  adapter: ScmAdapter;
  mirror: string;
  ids: string[];
  base: string;
  head: string;
  /** The real tool's log of `head`, newest first (optionally for a path). */
  cliLog: (path?: string) => Promise<string[]>;
  /** The real tool's blame: the commit of each line of a file at `head`. */
  cliBlame: (path: string) => Promise<string[]>;
}

const HOSTILE_NAME = "-rf :(glob)*";
const lines = (text: string) => text.split("\n").filter((line) => line !== "");

async function gitBrowsed(): Promise<Browsed> {
  const source = gitHistory();
  writeFiles(source, { [`odd/${HOSTILE_NAME}`]: "odd\n" });
  git(source, ["add", "-A"]);
  git(source, ["commit", "-q", "-m", "Odd name"], {
    env: { GIT_AUTHOR_NAME: "Odd", GIT_AUTHOR_EMAIL: "odd@forge.test" },
  });
  git(source, ["tag", "v0", "main"]);
  git(source, ["tag", "-a", "-m", "Release 1", "v1", "feature"]);
  const mirror = join(tempDir("git-browse"), "mirror.git");
  await gitAdapter.mirror(source, mirror, { policy });
  return {
    adapter: gitAdapter,
    mirror,
    ids: lines(git(source, ["rev-list", "--reverse", "feature"])),
    base: "v0",
    head: "feature",
    cliLog: async (path) =>
      lines(git(source, ["rev-list", "feature", "--", ...(path ? [path] : [])])),
    cliBlame: async (path) =>
      lines(git(source, ["blame", "--root", "-l", "-s", "feature", "--", path])).map((l) =>
        l.slice(0, 40),
      ),
  };
}

async function hgBrowsed(): Promise<Browsed> {
  const source = await hgHistory();
  writeFiles(source, { [`odd/${HOSTILE_NAME}`]: "odd\n" });
  await hgIn(source, ["commit", "-A", "-q", "-u", "Odd <odd@forge.test>", "-m", "Odd name"]);
  await hgIn(source, ["bookmark", "-r", "0", "first"]);
  await hgIn(source, ["tag", "-q", "-r", "0", "-u", "Tagger <t@forge.test>", "v0"]);
  const mirror = join(tempDir("hg-browse"), "mirror");
  await hgAdapter.mirror(source, mirror, { policy });
  const nodes = async (args: string[]) =>
    lines(await hgIn(source, ["log", "-T", "{node}\\n", ...args]));
  return {
    adapter: hgAdapter,
    mirror,
    ids: await nodes(["-r", "0:"]),
    base: "v0",
    head: "default",
    cliLog: (path) => nodes(["-r", "reverse(::default)", ...(path ? [`path:${path}`] : [])]),
    cliBlame: async (path) =>
      lines(await hgIn(source, ["annotate", "--debug", "-c", "-r", "default", `path:${path}`])).map(
        (l) => l.slice(0, 40),
      ),
  };
}

const names = (entries: readonly TreeEntry[] | undefined) =>
  entries?.map((e) => `${e.kind}:${e.name}${e.executable ? "*" : ""}`);

describe.each([
  ["git", gitBrowsed],
  ["hg", hgBrowsed],
] as const)(
  "%s: the code browser's reads, judged by the real tool",
  { timeout: 30_000 },
  (_kind, make) => {
    let repo: Browsed;
    beforeAll(async () => {
      repo = await make();
    }, 60_000);
    afterAll(removeTempDirs);

    it("resolves branches, tags and ids, and says when a name names nothing", async () => {
      const { adapter, mirror, ids, base, head } = repo;
      expect((await adapter.resolve(mirror, head))?.id).toBe(repo.ids.at(-1));
      expect((await adapter.resolve(mirror, base))?.id).toBe(ids[0]);
      expect((await adapter.resolve(mirror, ids[1]!.slice(0, 12)))?.message).toBe(
        "Rename, add, delete\n\nBody paragraph.",
      );
      expect(await adapter.resolve(mirror, "no-such-branch")).toBeUndefined();
      expect(await adapter.resolve(mirror, "f".repeat(40))).toBeUndefined();
    });

    it("refuses revisions and paths that are options, expressions or ways out", async () => {
      const { adapter, mirror, head } = repo;
      for (const rev of [
        "--output=/tmp/x",
        "-n1",
        "main~1",
        "main^",
        "a..b",
        "@{1}",
        "HEAD:x",
        "",
      ]) {
        await expect(adapter.resolve(mirror, rev), rev).rejects.toThrow(RefusedInputError);
        await expect(adapter.tree(mirror, rev, ""), rev).rejects.toThrow(RefusedInputError);
      }
      for (const path of ["../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a\0b"]) {
        await expect(adapter.tree(mirror, head, path), path).rejects.toThrow(RefusedInputError);
        await expect(adapter.readFile(mirror, head, path, { maxBytes: 100 })).rejects.toThrow(
          RefusedInputError,
        );
        await expect(adapter.log(mirror, { to: head, path }), path).rejects.toThrow(
          RefusedInputError,
        );
      }
    });

    it("lists a directory: directories first, kinds, modes and sizes", async () => {
      const { adapter, mirror, head } = repo;
      const root = await adapter.tree(mirror, head, "");
      expect(names(root)?.filter((name) => !name.includes(".hgtags"))).toEqual([
        "dir:moved",
        "dir:odd",
        "dir:sub dir",
        "file:bin.dat",
        "symlink:link",
        "file:long.c",
        "file:new.txt*",
        "file:noeol.txt",
      ]);
      expect(root?.find((e) => e.name === "bin.dat")?.size).toBe(4000);
      expect(root?.find((e) => e.name === "link")?.size).toBe("renamed.txt".length);
      expect(names(await adapter.tree(mirror, head, "sub dir"))).toEqual(["file:ünï.txt"]);
      expect((await adapter.tree(mirror, head, "sub dir"))?.[0]?.path).toBe("sub dir/ünï.txt");
      expect(await adapter.tree(mirror, head, "new.txt")).toBeUndefined();
      expect(await adapter.tree(mirror, head, "no/such/dir")).toBeUndefined();
      expect(names(await adapter.tree(mirror, repo.ids[0]!, "keep"))).toEqual(["dir:deep"]);
    });

    it("reads a file as bytes, says binary, and leaves a file over the limit unread", async () => {
      const { adapter, mirror, head } = repo;
      const text = await adapter.readFile(mirror, head, "sub dir/ünï.txt", { maxBytes: 1000 });
      expect(text).toMatchObject({ kind: "file", size: 3, binary: false });
      expect(Buffer.from(text!.bytes!).toString()).toBe("ü\n");
      const binary = await adapter.readFile(mirror, head, "bin.dat", { maxBytes: 10_000 });
      expect(binary).toMatchObject({ size: 4000, binary: true });
      expect(binary!.bytes).toHaveLength(4000);
      const big = await adapter.readFile(mirror, head, "bin.dat", { maxBytes: 100 });
      expect(big).toMatchObject({ size: 4000, binary: false });
      expect(big!.bytes).toBeUndefined();
      const link = await adapter.readFile(mirror, head, "link", { maxBytes: 100 });
      expect(link).toMatchObject({ kind: "symlink" });
      expect(Buffer.from(link!.bytes!).toString()).toBe("renamed.txt");
      const odd = await adapter.readFile(mirror, head, `odd/${HOSTILE_NAME}`, { maxBytes: 100 });
      expect(Buffer.from(odd!.bytes!).toString()).toBe("odd\n");
      expect(await adapter.readFile(mirror, head, "odd/-rf", { maxBytes: 100 })).toBeUndefined();
      expect(await adapter.readFile(mirror, head, "moved", { maxBytes: 100 })).toBeUndefined();
      expect(
        await adapter.readFile(mirror, head, "nothing.txt", { maxBytes: 100 }),
      ).toBeUndefined();
      // At a commit id Git reads the bytes while it lists the entry: the same answers.
      const id = (await adapter.resolve(mirror, head))!.id;
      for (const path of ["sub dir/ünï.txt", "bin.dat", "link", "moved", "nothing.txt"]) {
        for (const maxBytes of [100, 10_000]) {
          expect(await adapter.readFile(mirror, id, path, { maxBytes }), path).toEqual(
            await adapter.readFile(mirror, head, path, { maxBytes }),
          );
        }
      }
    });

    it("pages the log and filters it by path as the tool does", async () => {
      const { adapter, mirror, head } = repo;
      const ids = async (range: Omit<Parameters<ScmAdapter["log"]>[1], "to">) =>
        (await adapter.log(mirror, { to: head, ...range })).map((c) => c.id);
      const all = await repo.cliLog();
      expect(await ids({})).toEqual(all);
      expect(await ids({ limit: 2 })).toEqual(all.slice(0, 2));
      expect(await ids({ skip: 2, limit: 2 })).toEqual(all.slice(2, 4));
      expect(await ids({ skip: 3 })).toEqual(all.slice(3));
      for (const path of ["long.c", "moved", `odd/${HOSTILE_NAME}`, "sub dir"]) {
        expect(await ids({ path }), path).toEqual(await repo.cliLog(path));
      }
      expect(await ids({ path: "long.c", skip: 1 })).toEqual(
        (await repo.cliLog("long.c")).slice(1),
      );
    });

    it("shows a commit with its diff, and cuts a diff at the limit between files", async () => {
      const { adapter, mirror, ids } = repo;
      const shown = await adapter.commit(mirror, ids[3]!, { maxBytes: 1_000_000 });
      expect(shown.commit.message).toBe("Rename with an edit; empty a directory");
      expect(shown.truncated).toBe(false);
      expect(shown.files.map((f) => `${f.status} ${f.oldPath} ${f.newPath}`)).toEqual([
        "deleted keep/deep/file.txt keep/deep/file.txt",
        "renamed renamed.txt moved/renamed2.txt",
      ]);
      expect(shown.files[1]!.hunks[0]!.lines.at(-1)).toMatchObject({ kind: "add", text: "d" });
      const first = await adapter.commit(mirror, ids[0]!, { maxBytes: 1_000_000 });
      expect(first.files.map((f) => f.status)).toEqual(Array(5).fill("added"));
      const cut = await adapter.commit(mirror, ids[2]!, { maxBytes: 400 });
      expect(cut.truncated).toBe(true);
      const whole = await adapter.commit(mirror, ids[2]!, { maxBytes: 1_000_000 });
      expect(whole.files.slice(0, cut.files.length)).toEqual(cut.files);
      expect(cut.files.length).toBeLessThan(whole.files.length);
      await expect(adapter.commit(mirror, "no-such", { maxBytes: 10 })).rejects.toThrow(
        UnknownRevisionError,
      );
    });

    it("blames every line on the commit the tool names", async () => {
      const { adapter, mirror, head, ids } = repo;
      const blame = await adapter.blame(mirror, head, "long.c");
      expect(blame.lines.map((line) => line.commit)).toEqual(await repo.cliBlame("long.c"));
      expect(blame.lines[3]).toEqual({ commit: ids[1], originalLine: 4, text: "  STEP(2);" });
      expect(blame.commits.get(ids[1]!)).toEqual({
        id: ids[1],
        author: { name: "Zoë Ünïcode", email: "zoe@forge.test" },
        date: "2026-01-01T10:00:00+01:00",
        summary: "Rename, add, delete",
      });
      const moved = await adapter.blame(mirror, head, "moved/renamed2.txt");
      expect(moved.lines.map((line) => line.text)).toEqual(["a", "b", "c", "d"]);
    });

    it("lists branches by name and tags with their commits", async () => {
      const { adapter, mirror, ids } = repo;
      const branches = await adapter.refTips(mirror, "branch");
      expect(branches.map((tip) => tip.name)).toEqual(
        adapter.kind === "git" ? ["feature", "main"] : ["default", "first"],
      );
      expect(branches.find((tip) => tip.name === repo.head)?.commit.id).toBe(
        (await adapter.resolve(mirror, repo.head))?.id,
      );
      const tags = await adapter.refTips(mirror, "tag");
      expect(tags.find((tip) => tip.name === "v0")?.commit.id).toBe(ids[0]);
      if (adapter.kind === "git") {
        // An annotated tag names its commit, not itself.
        expect(tags.map((tip) => [tip.name, tip.commit.id])).toEqual([
          ["v1", ids.at(-1)],
          ["v0", ids[0]],
        ]);
      }
    });

    it("compares two revisions: the commits head adds, and the diff since they parted", async () => {
      const { adapter, mirror, ids, base, head } = repo;
      const comparison = await adapter.compare(mirror, base, head, { maxBytes: 1_000_000 });
      expect(comparison.mergeBase).toBe(ids[0]);
      const added = await adapter.log(mirror, { from: base, to: head });
      expect(comparison.commits.map((c) => c.id)).toEqual(added.map((c) => c.id));
      expect(comparison.moreCommits).toBe(false);
      expect(comparison.files.map((f) => f.newPath)).toContain("moved/renamed2.txt");
      const few = await adapter.compare(mirror, base, head, { maxBytes: 1_000_000, maxCommits: 2 });
      expect(few.commits).toHaveLength(2);
      expect(few.moreCommits).toBe(true);
      const none = await adapter.compare(mirror, head, base, { maxBytes: 1_000_000 });
      expect(none.commits).toEqual([]);
      expect(none.files).toEqual([]);
      await expect(adapter.compare(mirror, base, "nope", { maxBytes: 10 })).rejects.toThrow(
        UnknownRevisionError,
      );
    });
  },
);
