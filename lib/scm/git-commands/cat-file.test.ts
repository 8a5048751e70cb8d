import { cpSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RefusedInputError } from "../browse-input";
import { ScmError } from "../errors";
import { git, gitCommit, gitHistory, removeTempDirs, tempDir, writeFiles } from "../testing/repos";
import {
  ASK_GIT,
  listByCatFile,
  readFileByCatFile,
  resolveByCatFile,
  viaCatFile,
} from "./batch-reads";
import { catFiles, CatFilePool } from "./cat-file-pool";
import { CatFileUnavailableError, type CatFileProcess } from "./cat-file-process";
import { listTree } from "./tree";
import { resolveIn } from "./resolve";
import { gitRead } from "./cli";
import { isBinary } from "../binary-content";

// The cat-file reads are judged by the git commands they replace, on the same repository;
// the process and its pool by what a page must never see: a command injected through a name,
// a ref update missed, a request left hanging, a process per repository too many.

let source: string;
let gitdir: string;

beforeAll(() => {
  source = gitHistory();
  gitdir = join(source, ".git");
  writeFiles(source, {
    "-rf :(glob)*": "hostile name\n",
    "sp ace /é\u0301 ": "trailing spaces and combining marks\n",
    "run.sh": { mode: 0o755, text: "#!/bin/sh\n" },
    "run-link": { link: "run.sh" },
  });
  gitCommit(
    source,
    "Odd names\n\nWith a body.\n\n",
    "Zoë Ünïcode <z@forge.test>",
    "2024-01-02T03:04:05+05:30",
  );
  git(source, ["update-index", "--add", "--cacheinfo", `160000,${"1".repeat(40)},sub`]);
  git(source, ["commit", "-q", "-m", "A submodule"], {
    env: { GIT_AUTHOR_NAME: "S", GIT_AUTHOR_EMAIL: "s@forge.test" },
  });
  git(source, ["tag", "-a", "-m", "Release", "v1", "HEAD~1"]);
}, 60_000);
afterEach(() => catFiles.closeAll());
afterAll(removeTempDirs);

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

/** The git commands' answer for a directory, as tree.ts gives it without the process. */
async function lsTreeOf(rev: string, path: string) {
  const entries = await listTree(gitdir, rev, path === "" ? [] : [`${path}/`]);
  return entries.map(({ entry }) => entry);
}

async function withProcess<T>(read: (process: CatFileProcess) => Promise<T>): Promise<T> {
  const process = await catFiles.processFor(gitdir);
  return read(process!);
}

describe("reads through git cat-file, judged by the git commands", { timeout: 60_000 }, () => {
  it("resolves every commit, branch and tag to what git log says", async () => {
    const revs = [...lines(git(source, ["rev-list", "--all"])), "main", "feature", "v1", "HEAD"];
    for (const rev of revs) {
      const read = await withProcess((process) => resolveByCatFile(process, rev));
      expect(read, rev).toEqual(await resolveIn(gitdir, rev));
    }
    // A name that names nothing is git log's to explain.
    expect(await withProcess((process) => resolveByCatFile(process, "no-such"))).toBe(ASK_GIT);
  });

  it("lists every directory of every commit as ls-tree does, sizes and modes included", async () => {
    for (const rev of lines(git(source, ["rev-list", "--all"]))) {
      const dirs = git(source, ["ls-tree", "-r", "-t", "-z", rev])
        .split("\0")
        .filter((record) => / tree /.test(record.slice(0, record.indexOf("\t"))))
        .map((record) => record.slice(record.indexOf("\t") + 1));
      for (const path of ["", ...dirs]) {
        const read = await withProcess((process) => listByCatFile(process, rev, path));
        expect(read, `${rev}:${path}`).toEqual(await lsTreeOf(rev, path));
      }
    }
    const head = git(source, ["rev-parse", "HEAD"]).trim();
    // ls-tree lists a submodule itself for `sub/`: asked of git, not made up.
    expect(await withProcess((process) => listByCatFile(process, head, "sub"))).toBe(ASK_GIT);
    expect(await withProcess((process) => listByCatFile(process, head, "run.sh"))).toBeUndefined();
    expect(await withProcess((process) => listByCatFile(process, head, "nope/x"))).toBeUndefined();
  });

  it("reads every file as cat-file blob does, and leaves one over the limit unread", async () => {
    const head = git(source, ["rev-parse", "HEAD"]).trim();
    const files = git(source, ["ls-tree", "-r", "-l", "-z", head]).split("\0").filter(Boolean);
    for (const record of files) {
      const [, type, oid, size] = record.slice(0, record.indexOf("\t")).split(/ +/);
      const path = record.slice(record.indexOf("\t") + 1);
      const read = await withProcess((process) => readFileByCatFile(process, head, path, 1 << 20));
      if (type !== "blob") {
        expect(read, path).toBeUndefined();
        continue;
      }
      const bytes = new Uint8Array((await gitRead(gitdir, ["cat-file", "blob", oid!])).stdout);
      expect(read, path).toMatchObject({
        path,
        size: Number(size),
        bytes,
        binary: isBinary(bytes),
      });
      const unread = await withProcess((process) => readFileByCatFile(process, head, path, 0));
      if (Number(size) > 0) expect(unread, path).not.toHaveProperty("bytes");
    }
    expect(
      await withProcess((process) => readFileByCatFile(process, head, "nope", 10)),
    ).toBeUndefined();
  });
});

describe("the cat-file process", { timeout: 60_000 }, () => {
  it("refuses a name that would end its command line, and answers the next one alone", async () => {
    const process = (await catFiles.processFor(gitdir))!;
    for (const object of ["main\ninfo HEAD", "main\rinfo HEAD", "main\0", ""]) {
      expect(() => process.request([{ command: "info", object }])).toThrow(RefusedInputError);
    }
    // Through the reads too, whatever checks come before them.
    await expect(viaCatFile(gitdir, (p) => resolveByCatFile(p, "main\ninfo v1"))).rejects.toThrow(
      RefusedInputError,
    );
    const replies = await process.request([{ command: "info", object: "main^{commit}" }]);
    expect(replies).toEqual([expect.objectContaining({ kind: "found", type: "commit" })]);
  });

  it("sees a branch moved and a pack rewritten after it started", async () => {
    const before = await viaCatFile(gitdir, (p) => resolveByCatFile(p, "main"));
    const process = await catFiles.processFor(gitdir);
    const scratch = tempDir("cat-file-push");
    git(scratch, ["clone", "-q", source, "."]);
    git(scratch, ["checkout", "-q", "main"]);
    writeFileSync(join(scratch, "new.txt"), "new\n");
    gitCommit(scratch, "Pushed", "P <p@forge.test>", "2024-02-02T00:00:00Z");
    git(scratch, ["push", "-q", source, "main"]);
    const pushed = git(scratch, ["rev-parse", "HEAD"]).trim();
    const after = await viaCatFile(gitdir, (p) => resolveByCatFile(p, "main"));
    expect(after).not.toEqual(before);
    expect(after).toMatchObject({ id: pushed, message: "Pushed" });
    git(source, ["pack-refs", "--all"]);
    git(source, ["repack", "-a", "-d", "-q"]);
    const packed = await viaCatFile(gitdir, (p) => listByCatFile(p, "main", ""));
    expect(packed).toEqual(expect.arrayContaining([expect.objectContaining({ name: "new.txt" })]));
    expect(await catFiles.processFor(gitdir)).toBe(process); // the same process all along
  });

  it("stops a request that hangs, and a crash fails its requests over to the git command", async () => {
    const pool = new CatFilePool({ maxLive: 4, idleMs: 60_000, timeoutMs: 300, crashPauseMs: 0 });
    const hung = (await pool.processFor(gitdir))!;
    globalThis.process.kill(hung.pid!, "SIGSTOP");
    const request = hung.request([{ command: "info", object: "main^{commit}" }]);
    await expect(request).rejects.toThrow(/longer than/);
    await expect(request).rejects.not.toBeInstanceOf(CatFileUnavailableError);
    expect(hung.alive).toBe(false);

    const crashing = (await pool.processFor(gitdir))!;
    expect(crashing).not.toBe(hung);
    const waiting = crashing.request([{ command: "info", object: "main^{commit}" }]);
    globalThis.process.kill(crashing.pid!, "SIGKILL");
    await expect(waiting).rejects.toBeInstanceOf(CatFileUnavailableError);
    const restarted = (await pool.processFor(gitdir))!;
    expect(restarted.alive && restarted !== crashing).toBe(true);
    expect(await resolveByCatFile(restarted, "main")).toMatchObject({ parents: expect.any(Array) });
    pool.closeAll();
  });

  it("reads a repository whose process crashed without one for a while", async () => {
    const pool = new CatFilePool({
      maxLive: 4,
      idleMs: 60_000,
      timeoutMs: 5_000,
      crashPauseMs: 60_000,
    });
    const process = (await pool.processFor(gitdir))!;
    const exited = new Promise((resolve) =>
      process.request([{ command: "info", object: "x" }]).catch(resolve),
    );
    globalThis.process.kill(process.pid!, "SIGKILL");
    await exited;
    expect(await pool.processFor(gitdir)).toBeUndefined();
  });
});

describe("the pool of cat-file processes", { timeout: 60_000 }, () => {
  const copies = () =>
    [0, 1, 2].map((i) => {
      const dir = join(tempDir(`cat-file-pool-${i}`), "repo.git");
      cpSync(gitdir, dir, { recursive: true });
      return dir;
    });

  it("keeps one process per repository, at most maxLive, the least recently used closed", async () => {
    const [a, b, c] = copies();
    const pool = new CatFilePool({ maxLive: 2, idleMs: 60_000, timeoutMs: 5_000, crashPauseMs: 0 });
    const first = (await pool.processFor(a!))!;
    expect(await pool.processFor(a!)).toBe(first);
    await pool.processFor(b!);
    await pool.processFor(a!); // b is now the least recently used
    await pool.processFor(c!);
    expect(pool.live).toBe(2);
    expect(first.alive).toBe(true);
    expect(await pool.processFor(a!)).toBe(first);
    pool.closeAll();
    expect(first.alive).toBe(false);
  });

  it("closes a process left idle, and one whose repository was deleted or replaced", async () => {
    const [a, b] = copies();
    const pool = new CatFilePool({ maxLive: 4, idleMs: 100, timeoutMs: 5_000, crashPauseMs: 0 });
    const idle = (await pool.processFor(a!))!;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(idle.alive).toBe(false);
    expect(pool.live).toBe(0);

    const slow = new CatFilePool({ maxLive: 4, idleMs: 60_000, timeoutMs: 5_000, crashPauseMs: 0 });
    const old = (await slow.processFor(b!))!;
    renameSync(b!, `${b}.old`);
    cpSync(`${b}.old`, b!, { recursive: true }); // a fresh copy at the same path
    const fresh = (await slow.processFor(b!))!;
    expect(old.alive).toBe(false);
    expect(fresh).not.toBe(old);
    rmSync(b!, { recursive: true });
    expect(await slow.processFor(b!)).toBeUndefined();
    expect(fresh.alive).toBe(false);
    expect(slow.live).toBe(0);
  });

  it("gives a shallow repository none: git log hides the parents its objects name", async () => {
    const [a] = copies();
    writeFileSync(join(a!, "shallow"), `${git(source, ["rev-parse", "main"]).trim()}\n`);
    const pool = new CatFilePool({ maxLive: 4, idleMs: 60_000, timeoutMs: 5_000, crashPauseMs: 0 });
    expect(await pool.processFor(a!)).toBeUndefined();
  });

  it("answers an error other than its own stopping as the git command would: thrown", async () => {
    await expect(viaCatFile(gitdir, () => Promise.reject(new ScmError("x")))).rejects.toThrow("x");
  });
});
