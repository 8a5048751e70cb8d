import { isBinary } from "../binary-content";
import { checkRevision } from "../browse-input";
import type { ChangesetSummary, FileBlob, TreeEntry } from "../types";
import { CatFileUnavailableError, type CatFileProcess } from "./cat-file-process";
import { catFiles } from "./cat-file-pool";
import { commitSummary, treeEntries, type TreeObjectEntry } from "./git-objects";

/**
 * The code browser's reads through the repository's cat-file process (cat-file-pool.ts):
 * a revision to its commit, a directory's entries with sizes, a file. Each gives exactly what
 * its git command gives (resolve.ts, tree.ts, read-file.ts), or ASK_GIT when it cannot be
 * sure of that: an object not in the form Git writes, a submodule on the way, a name that
 * names nothing (git's own error says how), no process. Paths never travel to git: trees are
 * walked here, and only object ids and a checked revision with a suffix are sent.
 */
export const ASK_GIT = Symbol("ask the git command");
type Answer<T> = T | typeof ASK_GIT;

/** Commit and tree objects read at most; past that ls-tree's output nears its own cap. */
const MAX_OBJECT_BYTES = 4 * 1024 * 1024;

/** `read` with the repository's process; ASK_GIT when there is none or it stopped. */
export async function viaCatFile<T>(
  gitdir: string,
  read: (process: CatFileProcess) => Promise<Answer<T>>,
): Promise<Answer<T>> {
  const process = await catFiles.processFor(gitdir);
  if (!process) return ASK_GIT;
  try {
    return await read(process);
  } catch (error) {
    if (error instanceof CatFileUnavailableError) return ASK_GIT;
    throw error;
  }
}

/** As resolveIn: the commit `rev` names, a tag peeled. */
export async function resolveByCatFile(
  process: CatFileProcess,
  rev: string,
): Promise<Answer<ChangesetSummary>> {
  const commit = await readObject(process, `${checkRevision(rev)}^{commit}`, "commit");
  if (commit === "missing" || commit === ASK_GIT) return ASK_GIT;
  return commitSummary(commit.oid, commit.content) ?? ASK_GIT;
}

/** As listTree for `path/` (the root: ``): the directory's entries in the tree's order. */
export async function listByCatFile(
  process: CatFileProcess,
  rev: string,
  path: string,
): Promise<Answer<TreeEntry[] | undefined>> {
  const entries = await directoryAt(process, rev, path);
  if (entries === ASK_GIT || entries === undefined) return entries;
  const blobs = entries.filter(isBlob);
  const infos = await process.request(blobs.map(({ oid }) => ({ command: "info", object: oid })));
  const sizes = new Map<string, number>();
  for (const [i, info] of infos.entries()) {
    if (info.kind !== "found") return ASK_GIT; // ls-tree prints a missing blob's size as BAD
    sizes.set(blobs[i]!.oid, info.size);
  }
  return entries.map((entry) => ({
    name: entry.name,
    path: path === "" ? entry.name : `${path}/${entry.name}`,
    kind: KINDS[entry.mode],
    executable: entry.mode === "100755",
    ...(isBlob(entry) && { size: sizes.get(entry.oid)! }),
  }));
}

/** As readFile: a file or link at `path`, its bytes if no larger than `maxBytes`. */
export async function readFileByCatFile(
  process: CatFileProcess,
  rev: string,
  path: string,
  maxBytes: number,
): Promise<Answer<FileBlob | undefined>> {
  const slash = path.lastIndexOf("/");
  const entries = await directoryAt(process, rev, slash < 0 ? "" : path.slice(0, slash));
  if (entries === ASK_GIT || entries === undefined) return entries;
  const entry = named(entries, path.slice(slash + 1));
  if (!entry || !isBlob(entry)) return undefined;
  const [info] = await process.request([{ command: "info", object: entry.oid }]);
  if (info?.kind !== "found" || info.type !== "blob") return ASK_GIT;
  const kind = entry.mode === "120000" ? "symlink" : "file";
  const file = { path, kind, executable: entry.mode === "100755", size: info.size } as const;
  if (info.size > maxBytes) return { ...file, binary: false };
  const [blob] = await process.request([
    { command: "contents", object: entry.oid, maxBytes: info.size },
  ]);
  if (blob?.kind !== "found" || !blob.content) return ASK_GIT;
  const bytes = new Uint8Array(blob.content);
  return { ...file, bytes, binary: isBinary(bytes) };
}

const KINDS = {
  "100644": "file",
  "100755": "file",
  "120000": "symlink",
  "40000": "dir",
  "160000": "submodule",
} as const;

function isBlob(entry: TreeObjectEntry): boolean {
  return entry.mode !== "40000" && entry.mode !== "160000";
}

function named(entries: readonly TreeObjectEntry[], name: string): TreeObjectEntry | undefined {
  const bytes = Buffer.from(name, "utf8");
  return entries.find((entry) => entry.bytes.equals(bytes));
}

/** The entries of the directory at `path`, walked from the root; undefined if there is none. */
async function directoryAt(
  process: CatFileProcess,
  rev: string,
  path: string,
): Promise<Answer<TreeObjectEntry[] | undefined>> {
  const root = await readObject(process, `${checkRevision(rev)}^{tree}`, "tree");
  if (root === "missing" || root === ASK_GIT) return ASK_GIT;
  let tree = root;
  for (const name of path === "" ? [] : path.split("/")) {
    const entries = treeEntries(tree.content, tree.oid.length / 2);
    if (!entries) return ASK_GIT;
    const entry = named(entries, name);
    if (!entry) return undefined;
    // ls-tree lists a submodule itself for `sub/`: its answer, not one made up here.
    if (entry.mode === "160000") return ASK_GIT;
    if (entry.mode !== "40000") return undefined;
    const next = await readObject(process, entry.oid, "tree");
    if (next === "missing" || next === ASK_GIT) return ASK_GIT;
    tree = next;
  }
  return treeEntries(tree.content, tree.oid.length / 2) ?? ASK_GIT;
}

/** An object of `type`, asked for by size first: git writes a whole object or nothing. */
async function readObject(
  process: CatFileProcess,
  object: string,
  type: "commit" | "tree",
): Promise<Answer<{ oid: string; content: Buffer } | "missing">> {
  const [info] = await process.request([{ command: "info", object }]);
  if (info?.kind !== "found") return "missing";
  if (info.type !== type || info.size > MAX_OBJECT_BYTES) return ASK_GIT;
  const [whole] = await process.request([
    { command: "contents", object: info.oid, maxBytes: info.size },
  ]);
  if (whole?.kind !== "found" || whole.oid !== info.oid || !whole.content) return ASK_GIT;
  return { oid: info.oid, content: whole.content };
}
