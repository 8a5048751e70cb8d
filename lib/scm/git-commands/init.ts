import fs from "node:fs";
import git from "isomorphic-git";

/** Creates an empty bare repository in `dir` whose HEAD names `defaultBranch`. */
export async function init(dir: string, defaultBranch: string): Promise<void> {
  await git.init({ fs, dir, gitdir: dir, bare: true, defaultBranch });
}
