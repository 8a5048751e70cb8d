import git from "isomorphic-git";
import {
  applyFileDiffs,
  type FileChanges,
  type FileReader,
  type FileState,
} from "../apply-changeset";
import { parseIsoDate } from "../dates";
import { parseSeries } from "../detect-series";
import { ApplyConflictError, ScmError } from "../errors";
import type { Changeset } from "../types";
import { branchRef, openRepo, readSummary, type Repo } from "./repo";
import { content } from "./tree-diff";
import { writeTreeWith } from "./tree-write";

/**
 * Applies a series onto a branch with one commit per changeset, keeping each one's author,
 * date and message (the author is the committer too, so the same series gives the same
 * commits). All patches are applied in memory first; objects are written only once every one
 * applies, and the branch moves last, so a conflict anywhere leaves the repository as it was.
 * Takes `git format-patch` text, and `hg export --git` text as well since both carry the
 * same changesets.
 */
export async function applySeries(
  dir: string,
  branch: string,
  text: string,
): Promise<{ revisions: string[] }> {
  const { changesets } = parseSeries(text);
  const repo = await openRepo(dir);
  const ref = branchRef(branch);
  const tip = await git.resolveRef({ ...repo, ref }).catch(() => {
    throw new ScmError(`there is no branch “${branch}”`);
  });
  const revisions = await writeSeriesOnto(repo, tip, changesets);
  const parent = revisions.at(-1) ?? tip;
  // isomorphic-git cannot compare-and-swap a ref: checking just before the write turns a
  // concurrent update into an error instead of a lost commit (callers still serialise
  // writes to one mirror).
  if ((await git.resolveRef({ ...repo, ref })) !== tip) {
    throw new ScmError(`branch “${branch}” moved while the series was being applied; try again`);
  }
  await git.writeRef({ ...repo, ref, value: parent, force: true });
  return { revisions };
}

/**
 * Writes the series as commits on top of `base` (objects only, no ref moves) and returns their
 * ids, oldest first; an ApplyConflictError, before anything is written, if a patch does not apply.
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

async function fileInTree(repo: Repo, tree: string, path: string): Promise<FileState | undefined> {
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
