import { isBinary } from "../binary-content";
import { checkRepoPath } from "../browse-input";
import type { FileBlob, ReadLimit } from "../types";
import { gitdirOf, gitRead } from "./cli";
import { listTree } from "./tree";

/** A blob at a path: its entry from `git ls-tree`, its bytes from `git cat-file` if small enough. */
export async function readFile(
  dir: string,
  rev: string,
  path: string,
  { maxBytes }: ReadLimit,
): Promise<FileBlob | undefined> {
  const gitdir = await gitdirOf(dir);
  if (checkRepoPath(path) === "") return undefined;
  const listed = (await listTree(gitdir, rev, [path])).find(({ entry }) => entry.path === path);
  const entry = listed?.entry;
  if (!listed || !entry || (entry.kind !== "file" && entry.kind !== "symlink")) return undefined;
  const size = entry.size ?? 0;
  const file = { path, kind: entry.kind, executable: entry.executable, size };
  if (size > maxBytes) return { ...file, binary: false };
  const { stdout } = await gitRead(gitdir, ["cat-file", "blob", listed.oid], { maxBytes });
  const bytes = new Uint8Array(stdout);
  return { ...file, bytes, binary: isBinary(bytes) };
}
