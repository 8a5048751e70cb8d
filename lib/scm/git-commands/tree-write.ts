import git, { type TreeEntry } from "isomorphic-git";
import type { FileChanges, FileState } from "../apply-changeset";
import { ScmError } from "../errors";
import { EMPTY_TREE, type Repo } from "./repo";

/**
 * Writes the tree `base` becomes with `changes` applied, reading and rewriting only the
 * directories on the changed paths. Directories left empty disappear, as in Git.
 */
export async function writeTreeWith(
  repo: Repo,
  base: string | undefined,
  changes: FileChanges,
): Promise<string> {
  const direct = new Map<string, FileState | null>();
  const nested = new Map<string, FileChanges>();
  for (const [path, state] of changes) {
    const slash = path.indexOf("/");
    if (slash < 0) {
      direct.set(path, state);
    } else {
      const name = path.slice(0, slash);
      if (!nested.has(name)) nested.set(name, new Map());
      nested.get(name)!.set(path.slice(slash + 1), state);
    }
  }
  const entries = new Map<string, TreeEntry>(
    base === undefined
      ? []
      : (await git.readTree({ ...repo, oid: base })).tree.map((entry) => [entry.path, entry]),
  );
  // Directories first: a patch may replace a file by a directory of the same name or the
  // reverse, and a deletion only ever removes an entry of its own kind.
  for (const [name, subchanges] of nested) {
    const existing = entries.get(name);
    const oid = await writeTreeWith(
      repo,
      existing?.type === "tree" ? existing.oid : undefined,
      subchanges,
    );
    if (oid !== EMPTY_TREE) entries.set(name, { mode: "040000", path: name, oid, type: "tree" });
    else if (existing?.type === "tree") entries.delete(name);
  }
  for (const [name, state] of direct) {
    if (state) entries.set(name, await fileEntry(repo, name, state));
    else if (entries.get(name)?.type !== "tree") entries.delete(name);
  }
  return git.writeTree({ ...repo, tree: [...entries.values()] });
}

async function fileEntry(repo: Repo, path: string, { mode, data }: FileState): Promise<TreeEntry> {
  if (mode === "160000") {
    // A submodule is stored as the commit it points to; its "content" is how diffs show that.
    const oid = /^Subproject commit ([0-9a-f]{40})\n?$/.exec(new TextDecoder().decode(data))?.[1];
    if (!oid) throw new ScmError(`${path}: a submodule must read “Subproject commit <id>”`);
    return { mode, path, oid, type: "commit" };
  }
  return { mode, path, oid: await git.writeBlob({ ...repo, blob: data }), type: "blob" };
}
