import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { MirrorProgress } from "../types";

const LOOSE_DIR = /^[0-9a-f]{2}$/;
const LOOSE_FILE = /^[0-9a-f]{38,62}$/;
const PACK_FILE = /^pack-[0-9a-f]{40,64}\.(pack|idx)$/;

/**
 * Copies the object files of a local repository that the mirror lacks, the way `git clone
 * --local` does (isomorphic-git has no transport for local paths). Object files are named by
 * their content and never change, so a file already present is complete. Each file is
 * copied under a temporary name and renamed, so an interrupted copy leaves no truncated
 * object; a pack is copied before its index, since readers find packs through their index.
 */
export async function copyObjects(
  sourceGitdir: string,
  targetGitdir: string,
  onProgress?: (progress: MirrorProgress) => void,
): Promise<void> {
  const target = join(targetGitdir, "objects");
  const wanted: { from: string; to: string }[] = [];
  for (const objects of await objectDirs(join(sourceGitdir, "objects"))) {
    for (const name of await objectFiles(objects)) {
      const to = join(target, name);
      if (!(await exists(to))) wanted.push({ from: join(objects, name), to });
    }
  }
  wanted.sort((a, b) => Number(a.to.endsWith(".idx")) - Number(b.to.endsWith(".idx")));
  for (const [i, { from, to }] of wanted.entries()) {
    await fs.mkdir(dirname(to), { recursive: true });
    const partial = `${to}.tmp-${randomUUID()}`;
    await fs.copyFile(from, partial);
    await fs.rename(partial, to);
    onProgress?.({ phase: "Copying objects", loaded: i + 1, total: wanted.length });
  }
}

/** The repository's object directory and those it borrows from (`objects/info/alternates`). */
async function objectDirs(objects: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(objects)) return [];
  seen.add(objects);
  const alternates = await fs.readFile(join(objects, "info", "alternates"), "utf8").catch(() => "");
  const borrowed = alternates
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => (isAbsolute(line) ? line : resolve(objects, line)));
  const nested = await Promise.all(borrowed.map((dir) => objectDirs(dir, seen)));
  return [objects, ...nested.flat()];
}

async function objectFiles(objects: string): Promise<string[]> {
  const names: string[] = [];
  for (const dir of await fs.readdir(objects).catch(() => [])) {
    if (LOOSE_DIR.test(dir)) {
      for (const file of await fs.readdir(join(objects, dir)))
        if (LOOSE_FILE.test(file)) names.push(join(dir, file));
    }
  }
  for (const file of await fs.readdir(join(objects, "pack")).catch(() => [])) {
    if (PACK_FILE.test(file)) names.push(join("pack", file));
  }
  return names;
}

async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  );
}
