import { checkRepoPath, checkRevision } from "../browse-input";
import { ScmError } from "../errors";
import type { TreeEntry, TreeEntryKind } from "../types";
import { ASK_GIT, listByCatFile, viaCatFile } from "./batch-reads";
import { gitdirOf, gitText } from "./cli";

/** An entry as `git ls-tree -l` prints it, with the object it names. */
export interface ListedEntry {
  readonly entry: TreeEntry;
  readonly oid: string;
}

const KINDS: Record<string, TreeEntryKind> = { tree: "dir", blob: "file", commit: "submodule" };

/** `git ls-tree -l -z rev -- paths`: the entries the paths name, or a directory's with `dir/`. */
export async function listTree(
  gitdir: string,
  rev: string,
  paths: readonly string[],
): Promise<ListedEntry[]> {
  const output = await gitText(gitdir, ["ls-tree", "-l", "-z", checkRevision(rev), "--", ...paths]);
  return output
    .split("\0")
    .filter((record) => record !== "")
    .map((record) => {
      const tab = record.indexOf("\t");
      const [mode, type, oid, size] = record.slice(0, Math.max(tab, 0)).split(/ +/);
      const path = record.slice(tab + 1);
      const base = type === undefined ? undefined : KINDS[type];
      if (tab < 0 || !mode || !oid || !base || size === undefined) {
        throw new ScmError("git ls-tree printed an unexpected format");
      }
      const kind: TreeEntryKind = mode === "120000" ? "symlink" : base;
      const entry: TreeEntry = {
        name: path.slice(path.lastIndexOf("/") + 1),
        path,
        kind,
        executable: mode === "100755",
        ...(size !== "-" && { size: Number(size) }),
      };
      return { entry, oid };
    });
}

/** Directories first, then by name as Git sorts them (bytewise). */
export function byKindAndName(a: TreeEntry, b: TreeEntry): number {
  const dir = Number(b.kind === "dir") - Number(a.kind === "dir");
  return dir || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export async function tree(
  dir: string,
  rev: string,
  path: string,
): Promise<TreeEntry[] | undefined> {
  const gitdir = await gitdirOf(dir);
  checkRepoPath(path);
  const read = await viaCatFile(gitdir, (process) => listByCatFile(process, rev, path));
  if (read !== ASK_GIT) {
    return read === undefined || (read.length === 0 && path !== "")
      ? undefined
      : read.sort(byKindAndName);
  }
  // `dir/` lists what is inside the directory; nothing at all when there is no such directory.
  const entries = await listTree(gitdir, rev, checkRepoPath(path) === "" ? [] : [`${path}/`]);
  if (entries.length === 0 && path !== "") return undefined;
  return entries.map(({ entry }) => entry).sort(byKindAndName);
}
