import { checkRepoPath, checkRevision } from "../browse-input";
import type { Blame } from "../types";
import { parseBlamePorcelain } from "./blame-porcelain";
import { gitdirOf, gitText } from "./cli";

/** `git blame --porcelain rev -- path`: who last changed each line. */
export async function blame(dir: string, rev: string, path: string): Promise<Blame> {
  const gitdir = await gitdirOf(dir);
  const args = ["blame", "--porcelain", checkRevision(rev), "--", checkRepoPath(path)];
  return parseBlamePorcelain(await gitText(gitdir, args));
}
