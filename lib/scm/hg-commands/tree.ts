import { resolve } from "node:path";
import { z } from "zod";
import { checkRepoPath, checkRevision } from "../browse-input";
import type { TreeEntry } from "../types";
import { hg, HgCommandError, revsetString } from "./command";

const FileEntry = z.object({ path: z.string(), size: z.number(), flags: z.string() });

/**
 * `hg files`, which exits with 1 when nothing matches: the files a pattern names (`path:` a
 * file or everything below a directory, `rootfilesin:` a directory's own files).
 */
export async function hgFiles(dir: string, rev: string, pattern: string, verbose: boolean) {
  const args = ["files", "-R", resolve(dir), "-r", revsetString(checkRevision(rev))];
  try {
    return await hg([
      ...args,
      ...(verbose ? ["-v", "-T", "json"] : ["-T", "{path}\\n"]),
      "--",
      pattern,
    ]);
  } catch (error) {
    if (error instanceof HgCommandError && error.code === 1) {
      return verbose ? "[]" : "";
    }
    throw error;
  }
}

/** Files of one directory, with their sizes and flags (`l` link, `x` executable). */
export async function filesIn(dir: string, rev: string, directory: string): Promise<TreeEntry[]> {
  const json = await hgFiles(dir, rev, `rootfilesin:${directory}`, true);
  return z
    .array(FileEntry)
    .parse(JSON.parse(json))
    .map((file) => ({
      name: file.path.slice(file.path.lastIndexOf("/") + 1),
      path: file.path,
      kind: file.flags.includes("l") ? "symlink" : "file",
      executable: file.flags.includes("x"),
      size: file.size,
    }));
}

/**
 * A directory's entries. Mercurial tracks files, not directories: a directory's own files come
 * with their sizes, its subdirectories from the paths of every file below it.
 */
export async function tree(
  dir: string,
  rev: string,
  path: string,
): Promise<TreeEntry[] | undefined> {
  const below = (await hgFiles(dir, rev, `path:${checkRepoPath(path)}`, false))
    .split("\n")
    .filter((line) => line !== "");
  if (path !== "" && (below.length === 0 || below.includes(path))) return undefined;
  const prefix = path === "" ? "" : `${path}/`;
  const directories = new Set<string>();
  for (const file of below) {
    const slash = file.indexOf("/", prefix.length);
    if (slash >= 0) directories.add(file.slice(prefix.length, slash));
  }
  const entries: TreeEntry[] = [...directories].sort().map((name) => ({
    name,
    path: prefix + name,
    kind: "dir",
    executable: false,
  }));
  const files = (await filesIn(dir, rev, path)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return [...entries, ...files];
}
