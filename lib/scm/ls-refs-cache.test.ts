import { afterAll, describe, expect, it } from "vitest";
import { serveGitHttp } from "./git-http";
import { serveUploadPack } from "./git-upload-pack";
import {
  cachedLsRefs,
  isLsRefs,
  keepLsRefs,
  MAX_CACHED_LS_REFS_BYTES,
  refsState,
} from "./ls-refs-cache";
import { encodePktLine, FLUSH_PKT } from "./pkt-line";
import { uploadPackPost } from "./testing/git-http-server";
import { git, removeTempDirs, servedGitRepository } from "./testing/repos";

const servedRepository = () =>
  servedGitRepository("ls-refs", [{ "a.txt": "a\n" }, { "a.txt": "b\n" }]);

const LS_REFS = Buffer.concat([
  encodePktLine("command=ls-refs\n"),
  encodePktLine("agent=git/2.39.5\n"),
  Buffer.from("0001", "latin1"),
  encodePktLine("symrefs\n"),
  encodePktLine("ref-prefix refs/heads/\n"),
  FLUSH_PKT,
]);

const lsRefs = (repository: string) => uploadPackPost(repository, LS_REFS);

/** Git's answer is kept once Git has exited and the refs were checked again. */
async function kept(bare: string): Promise<Buffer> {
  for (let tries = 0; tries < 100; tries++) {
    const answer = cachedLsRefs(bare, (await refsState(bare))!, LS_REFS);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("never kept");
}

describe("ls-refs answers kept while the refs stay", { timeout: 60_000 }, () => {
  afterAll(removeTempDirs);

  it("tells every way the refs move apart", async () => {
    const { work, bare } = servedRepository();
    const states = [await refsState(bare)];
    expect(states[0]).toBeDefined();
    expect(await refsState(bare)).toBe(states[0]);
    const parent = git(work, ["rev-parse", "main~1"]).trim();
    const moves = [
      ["update-ref", "refs/heads/main", parent],
      ["update-ref", "refs/heads/main", git(work, ["rev-parse", "main"]).trim()],
      ["branch", "topic", "main"],
      ["pack-refs", "--all"],
      ["update-ref", "refs/heads/main", parent], // a packed ref moved: loose again
      ["branch", "-D", "topic"],
      ["symbolic-ref", "HEAD", "refs/heads/other"],
      ["tag", "v1", "main"],
      ["config", "lsrefs.unborn", "ignore"],
    ];
    for (const move of moves) {
      git(bare, move);
      const state = await refsState(bare);
      expect(states, move.join(" ")).not.toContain(state);
      states.push(state);
    }
  });

  it("answers a clone's ls-refs from memory until a ref moves", async () => {
    const { work, bare } = servedRepository();
    const first = await (await serveGitHttp(lsRefs(bare))).text();
    expect(first).toContain(`${git(work, ["rev-parse", "main"]).trim()} refs/heads/main`);
    expect((await kept(bare)).toString()).toBe(first);
    // From memory: with no Git to run, the same answer.
    const again = await serveUploadPack(lsRefs(bare), { PATH: "/nonexistent" }, 1 << 20);
    expect(await again.text()).toBe(first);

    const parent = git(work, ["rev-parse", "main~1"]).trim();
    git(bare, ["update-ref", "refs/heads/main", parent]);
    const moved = await (await serveGitHttp(lsRefs(bare))).text();
    expect(moved).toContain(`${parent} refs/heads/main`);
    expect((await kept(bare)).toString()).toBe(moved);
  });

  it("keeps answers per repository and request, small ones only", async () => {
    const { bare } = servedRepository();
    const state = (await refsState(bare))!;
    const other = Buffer.concat([encodePktLine("command=ls-refs\n"), FLUSH_PKT]);
    keepLsRefs(bare, state, LS_REFS, Buffer.from("one"));
    expect(cachedLsRefs(bare, state, LS_REFS)?.toString()).toBe("one");
    expect(cachedLsRefs(bare, state, other)).toBeUndefined();
    expect(cachedLsRefs(`${bare}x`, state, LS_REFS)).toBeUndefined();
    expect(cachedLsRefs(bare, `${state} `, LS_REFS)).toBeUndefined();
    keepLsRefs(bare, state, other, Buffer.alloc(MAX_CACHED_LS_REFS_BYTES + 1));
    expect(cachedLsRefs(bare, state, other)).toBeUndefined();
    expect(isLsRefs(LS_REFS)).toBe(true);
    expect(isLsRefs(Buffer.concat([encodePktLine("command=fetch\n"), FLUSH_PKT]))).toBe(false);
  });
});
