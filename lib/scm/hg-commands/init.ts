import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { hg } from "./command";

/** Creates an empty repository in `dir` (Mercurial's first branch is always `default`). */
export async function init(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await hg(["init", "--", resolve(dir)]);
}
