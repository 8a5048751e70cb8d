import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { ScmError } from "../errors";
import type { MirrorProgress } from "../types";
import { hg } from "./command";
import { detect } from "./detect";

/**
 * `hg clone --noupdate` the first time, `hg pull` after: the mirror has no working copy.
 * `--` keeps a source starting with `-` from being read as an option.
 */
export async function mirror(
  source: string,
  dir: string,
  onProgress?: (progress: MirrorProgress) => void,
): Promise<void> {
  const onLine = onProgress && ((line: string) => onProgress({ phase: line }));
  if (await detect(dir)) {
    await hg(["pull", "-R", resolve(dir), "--", source], { onLine });
    return;
  }
  if ((await readdir(dir).catch(() => [])).length > 0) {
    throw new ScmError(`${dir} is in use and is not a Mercurial repository`);
  }
  await hg(["clone", "--noupdate", "--", source, resolve(dir)], { onLine });
}
