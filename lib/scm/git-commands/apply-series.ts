import git from "isomorphic-git";
import {
  applyFileDiffs,
  type FileChanges,
  type FileReader,
  type FileState,
} from "../apply-changeset";
import { parseIsoDate } from "../dates";
import { ApplyConflictError, ScmError } from "../errors";
import type { Changeset } from "../types";
import { readSummary, type Repo } from "./repo";
import { content } from "./tree-diff";
import { writeTreeWith } from "./tree-write";

/**
 * Writes the series as commits on top of `base` (objects only, no ref moves) and returns their
 * ids, oldest first, keeping each changeset's author, date and message (the author is the
 * committer too, so the same series gives the same commits). All patches are applied in
 * memory first, so a conflict anywhere throws an ApplyConflictError before anything is
 * written. Takes `git format-patch` changesets, and `hg export --git` ones as well.
 */
export async function writeSeriesOnto(
  repo: Repo,
  base: string,
  changesets: readonly Changeset[],
): Promise<string[]> {
  const { tree: baseTree } = await readSummary(repo, base);
  const changes = await applyInMemory(repo, baseTree, changesets);
  let parent = base;
  let tree = baseTree;
  const revisions: string[] = [];
  for (const [i, changeset] of changesets.entries()) {
    tree = await writeTreeWith(repo, tree, changes[i]!);
    const signature = signatureOf(changeset);
    parent = await git.writeCommit({
      ...repo,
      commit: {
        message: changeset.message,
        tree,
        parent: [parent],
        author: signature,
        committer: signature,
      },
    });
    revisions.push(parent);
  }
  return revisions;
}

async function applyInMemory(
  repo: Repo,
  tipTree: string,
  changesets: readonly Changeset[],
): Promise<FileChanges[]> {
  const overlay: FileChanges = new Map();
  const read: FileReader = async (path) =>
    overlay.has(path) ? (overlay.get(path) ?? undefined) : fileInTree(repo, tipTree, path);
  const all: FileChanges[] = [];
  for (const [i, changeset] of changesets.entries()) {
    let changes: FileChanges;
    try {
      changes = await applyFileDiffs(changeset.files, read);
    } catch (error) {
      if (!(error instanceof ApplyConflictError)) throw error;
      const subject = changeset.message.split("\n")[0]!;
      throw error.inChangeset({
        index: i + 1,
        count: changesets.length,
        id: changeset.id,
        subject,
      });
    }
    for (const [path, state] of changes) overlay.set(path, state);
    all.push(changes);
  }
  return all;
}

/** A file of `tree` with its mode and bytes; undefined for a directory or nothing. */
export async function fileInTree(
  repo: Repo,
  tree: string,
  path: string,
): Promise<FileState | undefined> {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1);
  let entries;
  try {
    entries = (
      await git.readTree({
        ...repo,
        oid: tree,
        filepath: slash < 0 ? undefined : path.slice(0, slash),
      })
    ).tree;
  } catch {
    return undefined;
  }
  const entry = entries.find((candidate) => candidate.path === name);
  if (!entry || entry.type === "tree") return undefined;
  return {
    mode: entry.mode,
    data: await content(repo, { mode: entry.mode, oid: entry.oid, type: entry.type }),
  };
}

function signatureOf(changeset: Changeset) {
  const instant = parseIsoDate(changeset.date);
  if (!instant)
    throw new ScmError(`changeset ${changeset.id} has an invalid date “${changeset.date}”`);
  return {
    name: changeset.author.name,
    email: changeset.author.email,
    timestamp: instant.seconds,
    // isomorphic-git wants JavaScript's sign: minutes west of UTC. Not -0, which it writes as
    // `-0000`, Git's "zone unknown", where Git wrote `+0000`: the commit would differ.
    timezoneOffset: instant.offsetMinutes === 0 ? 0 : -instant.offsetMinutes,
  };
}
