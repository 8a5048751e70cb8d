import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerAndKeep,
  CLONE_CACHE_DIR,
  cloneAnswerEntry,
  isFetchFromNothing,
  startKeeping,
} from "./clone-pack-cache";
import { serveGitHttp } from "./git-http";
import { encodePktLine, FLUSH_PKT } from "./pkt-line";
import { gitHttpServer, uploadPackPost } from "./testing/git-http-server";
import {
  git,
  gitCommit,
  removeTempDirs,
  servedGitRepository,
  tempDir,
  writeFiles,
} from "./testing/repos";

const CLIENT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
};

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("git", args, { env: CLIENT_ENV }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(" ")}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

const DELIM_PKT = Buffer.from("0001", "latin1");

/** A protocol v2 fetch as Git's client writes one; `agent` makes bodies that differ. */
function fetchBody(wants: string[], haves: string[] = [], agent = "git/2.39.5") {
  return Buffer.concat([
    encodePktLine("command=fetch\n"),
    encodePktLine(`agent=${agent}\n`),
    encodePktLine("object-format=sha1\n"),
    DELIM_PKT,
    encodePktLine("thin-pack\n"),
    encodePktLine("ofs-delta\n"),
    ...wants.map((id) => encodePktLine(`want ${id}\n`)),
    ...haves.map((id) => encodePktLine(`have ${id}\n`)),
    encodePktLine("done\n"),
    FLUSH_PKT,
  ]);
}

const fetchAnswer = async (repository: string, body: Buffer) =>
  Buffer.from(await (await serveGitHttp(uploadPackPost(repository, body))).arrayBuffer());

/** The kept answers of `repository` (temporary files aside). */
function keptFiles(repository: string): string[] {
  const dir = join(repository, CLONE_CACHE_DIR);
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith("tmp-")) : [];
}

const allFiles = (repository: string) => {
  const dir = join(repository, CLONE_CACHE_DIR);
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** An answer is kept once Git has exited and the refs were read again: wait for it. */
async function untilKept(repository: string, count: number): Promise<string[]> {
  for (let tries = 0; tries < 200; tries++) {
    const files = keptFiles(repository);
    if (files.length === count) return files;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never ${count} kept answers: ${keptFiles(repository).join(", ")}`);
}

/** Long enough for an answer that was going to be kept to be kept. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe("clone answers kept as files", { timeout: 60_000 }, () => {
  let server: { base: string; close: () => void };
  let base: string;
  let repository = "";

  beforeAll(async () => {
    server = await gitHttpServer(() => repository);
    base = server.base;
  });
  afterAll(() => {
    server.close();
    removeTempDirs();
  });

  const clone = async () => {
    const dest = join(tempDir("clone-cache-clone"), "clone");
    await run(["-c", "protocol.version=2", "clone", "-q", "--no-checkout", base, dest]);
    return dest;
  };

  it("serves a second clone from the file, a valid clone, until a push moves a ref", async () => {
    const served = servedGitRepository("clone-cache", [{ "a.txt": "a\n" }, { "b.txt": "b\n" }]);
    repository = served.bare;
    const first = await clone();
    expect(git(first, ["rev-parse", "HEAD"]).trim()).toBe(served.tip);
    const [entry] = await untilKept(served.bare, 1);

    // With the repository's objects gone, only the kept answer can make a clone: no Git runs.
    const objects = join(served.bare, "objects");
    renameSync(objects, `${objects}-away`);
    let second: string;
    try {
      second = await clone();
    } finally {
      renameSync(`${objects}-away`, objects);
    }
    expect(git(second, ["rev-parse", "HEAD"]).trim()).toBe(served.tip);
    await run(["-C", second, "fsck", "--strict"]);
    expect(keptFiles(served.bare)).toEqual([entry]);

    writeFiles(served.work, { "c.txt": "c\n" });
    gitCommit(served.work, "Third", "Alice <alice@a.test>", "2026-01-03T00:00:00Z");
    git(served.work, ["push", "-q", served.bare, "main"]);
    const tip = git(served.work, ["rev-parse", "main"]).trim();
    const third = await clone();
    expect(git(third, ["rev-parse", "HEAD"]).trim()).toBe(tip);
    await run(["-C", third, "fsck", "--strict"]);
    // The new state's answer replaced the old one.
    const [newEntry] = await untilKept(served.bare, 1);
    expect(newEntry).not.toBe(entry);
  });

  it("answers the same bytes from the file as Git did, and reads only the file", async () => {
    const { bare, tip } = servedGitRepository("clone-cache-bytes", [{ "a.txt": "a\n" }]);
    const body = fetchBody([tip]);
    const live = await fetchAnswer(bare, body);
    const [entry] = await untilKept(bare, 1);
    const file = join(bare, CLONE_CACHE_DIR, entry!);
    expect(readFileSync(file)).toEqual(live);
    expect(await fetchAnswer(bare, body)).toEqual(live);
    writeFileSync(file, "the kept answer");
    expect((await fetchAnswer(bare, body)).toString()).toBe("the kept answer");
  });

  it("answers anew once the refs moved, for the same request", async () => {
    const { work, bare, tip } = servedGitRepository("clone-cache-want-ref", [
      { "a.txt": "a\n" },
      { "b.txt": "b\n" },
    ]);
    git(bare, ["config", "uploadpack.allowRefInWant", "true"]);
    // want-ref: the answer names the ref's commit, which a kept answer of old refs would not.
    const body = Buffer.concat([
      encodePktLine("command=fetch\n"),
      DELIM_PKT,
      encodePktLine("want-ref refs/heads/main\n"),
      encodePktLine("done\n"),
      FLUSH_PKT,
    ]);
    expect((await fetchAnswer(bare, body)).toString("latin1")).toContain(`${tip} refs/heads/main`);
    await untilKept(bare, 1);
    const parent = git(work, ["rev-parse", "main~1"]).trim();
    git(bare, ["update-ref", "refs/heads/main", parent]);
    const moved = (await fetchAnswer(bare, body)).toString("latin1");
    expect(moved).toContain(`${parent} refs/heads/main`);
    expect(moved).not.toContain(tip);
  });

  it("never keeps a fetch that has `have` lines", async () => {
    const { work, bare, tip } = servedGitRepository("clone-cache-have", [
      { "a.txt": "a\n" },
      { "b.txt": "b\n" },
    ]);
    const parent = git(work, ["rev-parse", "main~1"]).trim();
    const answer = await fetchAnswer(bare, fetchBody([tip], [parent]));
    expect(answer.toString("latin1")).toContain("packfile");
    await settle();
    expect(allFiles(bare)).toEqual([]);
  });

  it("tells a fetch from nothing by reading its pkt-lines, and nothing else", () => {
    const tip = "a".repeat(40);
    expect(isFetchFromNothing(fetchBody([tip]))).toBe(true);
    expect(isFetchFromNothing(fetchBody([tip], [tip]))).toBe(false);
    const lsRefs = Buffer.concat([encodePktLine("command=ls-refs\n"), FLUSH_PKT]);
    expect(isFetchFromNothing(lsRefs)).toBe(false);
    expect(isFetchFromNothing(fetchBody([tip]).subarray(0, 30))).toBe(false);
    expect(isFetchFromNothing(Buffer.concat([fetchBody([tip]), Buffer.from("zz")]))).toBe(false);
    expect(isFetchFromNothing(Buffer.from("want aaaa\n"))).toBe(false);
    expect(isFetchFromNothing(Buffer.alloc(0))).toBe(false);
    // A `have` hidden inside another line's payload is not a have line; one after it is.
    const inside = Buffer.concat([encodePktLine("command=fetch\n"), encodePktLine("x have y\n")]);
    expect(isFetchFromNothing(inside)).toBe(true);
    const after = Buffer.concat([inside, DELIM_PKT, encodePktLine(`have ${tip}\n`), FLUSH_PKT]);
    expect(isFetchFromNothing(after)).toBe(false);
  });

  it("keeps nothing of an answer whose client went away", async () => {
    const { bare, tip } = servedGitRepository("clone-cache-gone", [
      { "big.bin": randomBytes(8 * 1024 * 1024) },
    ]);
    const response = await serveGitHttp(uploadPackPost(bare, fetchBody([tip])));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await settle();
    expect(allFiles(bare)).toEqual([]);
  });

  it("keeps nothing of a failed Git, nor of refs that moved while it ran", async () => {
    const { work, bare, tip } = servedGitRepository("clone-cache-fail", [
      { "a.txt": "a\n" },
      { "b.txt": "b\n" },
    ]);
    const refused = await fetchAnswer(bare, fetchBody(["1".repeat(40)]));
    expect(refused.toString("latin1")).toMatch(/ERR|not our ref/);
    await settle();
    expect(allFiles(bare)).toEqual([]);

    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
    const body = fetchBody([tip]);
    const entry = (await cloneAnswerEntry(bare, env, body))!;
    git(bare, ["update-ref", "refs/heads/main", git(work, ["rev-parse", "main~1"]).trim()]);
    const writer = (await startKeeping(entry))!;
    expect(await startKeeping(entry)).toBeUndefined(); // one writer per entry
    await new Response(answerAndKeep(uploadPack(bare, env, body), writer)).arrayBuffer();
    await settle();
    expect(allFiles(bare)).toEqual([]);
  });

  it("streams an answer past the size cap without keeping it", async () => {
    const { bare, tip } = servedGitRepository("clone-cache-cap", [{ "a.txt": "a\n" }]);
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
    const body = fetchBody([tip]);
    const streamed = await serveWith(bare, env, body, 100);
    expect(streamed.length).toBeGreaterThan(100);
    expect(streamed.toString("latin1")).toContain("packfile");
    expect(streamed.subarray(-4)).toEqual(FLUSH_PKT);
    await settle();
    expect(allFiles(bare)).toEqual([]);
    await serveWith(bare, env, body, streamed.length + 1024);
    await untilKept(bare, 1);
  });

  it("keeps a few answers per repository, the newest", async () => {
    const { bare, tip } = servedGitRepository("clone-cache-count", [{ "a.txt": "a\n" }]);
    for (let i = 0; i < 6; i++) {
      await fetchAnswer(bare, fetchBody([tip], [], `git/test-${i}`));
      await untilKept(bare, Math.min(i + 1, 4));
    }
    await settle();
    expect(keptFiles(bare)).toHaveLength(4);
  });
});

/** `git upload-pack` as git-upload-pack.ts runs it, for the module's own functions. */
function uploadPack(repository: string, env: Record<string, string>, body: Buffer) {
  const child = spawn("git", ["upload-pack", "--stateless-rpc", "--strict", repository], {
    env: { ...process.env, ...env, GIT_PROTOCOL: "version=2" },
  });
  child.stdin.end(body);
  return child;
}

async function serveWith(
  repository: string,
  env: Record<string, string>,
  body: Buffer,
  max: number,
) {
  const entry = (await cloneAnswerEntry(repository, env, body))!;
  const writer = (await startKeeping(entry))!;
  const child = uploadPack(repository, env, body);
  return Buffer.from(await new Response(answerAndKeep(child, writer, max)).arrayBuffer());
}
