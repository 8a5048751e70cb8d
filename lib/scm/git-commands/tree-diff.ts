import git, { type TreeEntry } from "isomorphic-git";
import { isBinary } from "../binary-content";
import { literalChunk } from "../git-binary";
import { diffTexts } from "../text-diff";
import type { FileDiff, FileStatus } from "../types";
import type { Repo } from "./repo";

/** A tree entry that is not a tree: a blob, or a submodule's commit (a "gitlink"). */
export interface FileEntry {
  readonly mode: string;
  readonly oid: string;
  readonly type: "blob" | "commit";
}

interface Change {
  oldPath?: string;
  newPath?: string;
  old?: FileEntry;
  new?: FileEntry;
}

const NULL_ID = "0".repeat(40);

/**
 * The file diffs between two trees, as `git diff --binary -M` gives them, except that only
 * exact renames are found (same content): a renamed and edited file is a deletion and an
 * addition, which applies to the same tree.
 */
export async function diffTrees(
  repo: Repo,
  oldTree: string | undefined,
  newTree: string,
): Promise<FileDiff[]> {
  const changes = pairRenames(await changedEntries(repo, oldTree, newTree, ""));
  changes.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
  return Promise.all(changes.map((change) => fileDiff(repo, change)));
}

function sortKey(change: Change): string {
  return (change.newPath ?? change.oldPath)!;
}

async function changedEntries(
  repo: Repo,
  oldTree: string | undefined,
  newTree: string | undefined,
  prefix: string,
): Promise<Change[]> {
  if (oldTree === newTree) return [];
  const [olds, news] = await Promise.all([entries(repo, oldTree), entries(repo, newTree)]);
  const changes: Change[] = [];
  for (const name of [...new Set([...olds.keys(), ...news.keys()])].sort()) {
    const a = olds.get(name);
    const b = news.get(name);
    if (a && b && a.oid === b.oid && a.mode === b.mode) continue;
    const path = prefix + name;
    const subtree = (entry: typeof a) => (entry?.type === "tree" ? entry.oid : undefined);
    if (subtree(a) || subtree(b))
      changes.push(...(await changedEntries(repo, subtree(a), subtree(b), `${path}/`)));
    const file = (entry: typeof a): FileEntry | undefined =>
      entry && entry.type !== "tree"
        ? { mode: entry.mode, oid: entry.oid, type: entry.type }
        : undefined;
    const [oldFile, newFile] = [file(a), file(b)];
    if (oldFile || newFile) {
      changes.push({
        ...(oldFile && { oldPath: path, old: oldFile }),
        ...(newFile && { newPath: path, new: newFile }),
      });
    }
  }
  return changes;
}

async function entries(repo: Repo, tree: string | undefined) {
  if (tree === undefined) return new Map<string, TreeEntry>();
  const { tree: list } = await git.readTree({ ...repo, oid: tree });
  return new Map(list.map((entry) => [entry.path, entry]));
}

function pairRenames(changes: Change[]): Change[] {
  const deleted = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.old?.type === "blob" && !change.new) {
      deleted.set(change.old.oid, [...(deleted.get(change.old.oid) ?? []), change]);
    }
  }
  const renamed = new Set<Change>();
  const result: Change[] = [];
  for (const change of changes) {
    const source =
      !change.old && change.new?.type === "blob" ? deleted.get(change.new.oid)?.shift() : undefined;
    if (source) {
      renamed.add(source);
      result.push({
        oldPath: source.oldPath,
        old: source.old,
        newPath: change.newPath,
        new: change.new,
      });
    } else {
      result.push(change);
    }
  }
  return result.filter((change) => !renamed.has(change));
}

async function fileDiff(repo: Repo, change: Change): Promise<FileDiff> {
  const status: FileStatus = !change.old
    ? "added"
    : !change.new
      ? "deleted"
      : change.oldPath !== change.newPath
        ? "renamed"
        : "modified";
  const [before, after] = await Promise.all([content(repo, change.old), content(repo, change.new)]);
  const same = change.old?.oid === change.new?.oid;
  const binary = !same && (isBinary(before) || isBinary(after));
  const oldPath = (change.oldPath ?? change.newPath)!;
  return {
    oldPath,
    newPath: change.newPath ?? oldPath,
    status,
    binary,
    ...(change.old && { oldMode: change.old.mode }),
    ...(change.new && { newMode: change.new.mode }),
    ...(status === "renamed" && { similarity: 100 }),
    ...(!same && {
      index: { oldId: change.old?.oid ?? NULL_ID, newId: change.new?.oid ?? NULL_ID },
    }),
    ...(binary && { binaryPatch: { forward: literalChunk(after), reverse: literalChunk(before) } }),
    hunks: same || binary ? [] : diffTexts(decoder.decode(before), decoder.decode(after)),
  };
}

/** A file's bytes; a submodule reads as Git shows it in diffs. */
export async function content(repo: Repo, entry: FileEntry | undefined): Promise<Uint8Array> {
  if (!entry) return new Uint8Array();
  if (entry.type === "commit") return new TextEncoder().encode(`Subproject commit ${entry.oid}\n`);
  return (await git.readBlob({ ...repo, oid: entry.oid })).blob;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
