import { isBinary } from "../binary-content";
import { checkRepoPath, checkRevision, isFullCommitId } from "../browse-input";
import type { FileBlob, ReadLimit } from "../types";
import { ASK_GIT, readFileByCatFile, viaCatFile } from "./batch-reads";
import { gitdirOf, gitRead } from "./cli";
import { listTree } from "./tree";

/**
 * A blob at a path, through the repository's cat-file process (batch-reads.ts), or else its
 * entry from `git ls-tree`, its bytes from `git cat-file` if small enough.
 */
export async function readFile(
  dir: string,
  rev: string,
  path: string,
  { maxBytes }: ReadLimit,
): Promise<FileBlob | undefined> {
  const gitdir = await gitdirOf(dir);
  if (checkRepoPath(path) === "") return undefined;
  const read = await viaCatFile(gitdir, (process) =>
    readFileByCatFile(process, rev, path, maxBytes),
  );
  if (read !== ASK_GIT) return read;
  // A commit id names the same tree for ever, so the bytes can be read while the entry is
  // listed (one wait for git instead of two, bench/RESULTS.md code-browser), and dropped when
  // the entry says the path is no file or too large. A branch may move between two reads: its
  // bytes are read by the object id the listing gave. `rev` has no `:` (checkRevision) and the
  // path no `.` or `..` name, so `rev:path` names exactly the path from the commit's root.
  const early = isFullCommitId(checkRevision(rev))
    ? gitRead(gitdir, ["cat-file", "blob", `${rev}:${path}`], { maxBytes }).catch(() => undefined)
    : undefined;
  const listed = (await listTree(gitdir, rev, [path])).find(({ entry }) => entry.path === path);
  const entry = listed?.entry;
  if (!listed || !entry || (entry.kind !== "file" && entry.kind !== "symlink")) return undefined;
  const size = entry.size ?? 0;
  const file = { path, kind: entry.kind, executable: entry.executable, size };
  if (size > maxBytes) return { ...file, binary: false };
  const { stdout } =
    (await early) ?? (await gitRead(gitdir, ["cat-file", "blob", listed.oid], { maxBytes }));
  const bytes = new Uint8Array(stdout);
  return { ...file, bytes, binary: isBinary(bytes) };
}
