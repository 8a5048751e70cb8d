import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { ScmError } from "../errors";
import { hg } from "./command";
import { detect } from "./detect";

/**
 * `hg pull` from the local mirror `source` into `dir` (cloned the first time). Mercurial's
 * history only grows: a pull adds changesets and never drops one, so merged work is kept
 * even when the upstream has not received it. Pulled changesets that fork a branch show as
 * another head of it, which `hg` reports; nothing is lost. (`ahead` is not told apart: it
 * would need the upstream's view of each branch.)
 */
export async function pull(
  source: string,
  dir: string,
): Promise<{ diverged: string[]; ahead: string[] }> {
  if (await detect(dir)) {
    await hg(["pull", "-R", resolve(dir), "--", resolve(source)]);
  } else {
    if ((await readdir(dir).catch(() => [])).length > 0) {
      throw new ScmError(`${dir} is in use and is not a Mercurial repository`);
    }
    await hg(["clone", "--noupdate", "--", resolve(source), resolve(dir)]);
  }
  const heads = await hg(["heads", "-R", resolve(dir), "-T", "{branch}\\n"]);
  const perBranch = new Map<string, number>();
  for (const branch of heads.split("\n").filter(Boolean)) {
    perBranch.set(branch, (perBranch.get(branch) ?? 0) + 1);
  }
  const diverged = [...perBranch].filter(([, count]) => count > 1).map(([name]) => name);
  return { diverged, ahead: [] };
}
