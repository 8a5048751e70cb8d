import fs from "node:fs";
import { join, resolve } from "node:path";
import git from "isomorphic-git";
import { isoDate } from "../dates";
import { ScmError, UnknownRevisionError } from "../errors";
import type { ChangesetSummary } from "../types";

/**
 * A Git repository as isomorphic-git addresses it. The object cache is shared by every call
 * of one operation: without it each read would re-open the pack files.
 */
export interface Repo {
  readonly fs: typeof fs;
  readonly gitdir: string;
  readonly cache: object;
}

export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** The git directory of `dir`: `dir/.git` (a directory or a `gitdir:` file), or `dir` if bare. */
export async function findGitdir(dir: string): Promise<string | undefined> {
  const dotGit = join(dir, ".git");
  const stat = await fs.promises.stat(dotGit).catch(() => undefined);
  if (stat?.isDirectory()) return dotGit;
  if (stat?.isFile()) {
    const pointer = /^gitdir: (.+)$/m.exec(await fs.promises.readFile(dotGit, "utf8"));
    return pointer ? resolve(dir, pointer[1]!.trim()) : undefined;
  }
  const bare = await Promise.all(
    ["HEAD", "objects", "refs"].map((name) =>
      fs.promises.stat(join(/*turbopackIgnore: true*/ dir, name)).catch(() => undefined),
    ),
  );
  return bare.every(Boolean) ? dir : undefined;
}

export async function openRepo(dir: string): Promise<Repo> {
  const gitdir = await findGitdir(dir);
  if (!gitdir) throw new ScmError(`${dir} is not a Git repository`);
  return { fs, gitdir, cache: {} };
}

/** A branch, tag, full ref or (abbreviated) commit id, as the commit id it names. */
export async function resolveCommit(repo: Repo, rev: string): Promise<string> {
  let oid: string;
  try {
    oid = await git.resolveRef({ ...repo, ref: rev });
  } catch {
    try {
      oid = /^[0-9a-f]{4,40}$/.test(rev) ? await git.expandOid({ ...repo, oid: rev }) : "";
    } catch {
      oid = "";
    }
  }
  if (oid === "") throw new UnknownRevisionError(rev);
  try {
    // readCommit peels annotated tags.
    return (await git.readCommit({ ...repo, oid })).oid;
  } catch (cause) {
    throw new ScmError(`“${rev}” does not name a commit`, { cause });
  }
}

export async function readSummary(
  repo: Repo,
  oid: string,
): Promise<{ summary: ChangesetSummary; tree: string }> {
  const { commit } = await git.readCommit({ ...repo, oid });
  const summary: ChangesetSummary = {
    id: oid,
    parents: commit.parent,
    author: { name: commit.author.name, email: commit.author.email },
    // isomorphic-git's offset has JavaScript's sign: minutes west of UTC.
    date: isoDate({
      seconds: commit.author.timestamp,
      offsetMinutes: -commit.author.timezoneOffset,
    }),
    message: commit.message.replace(/\n+$/, ""),
  };
  return { summary, tree: commit.tree };
}

/** `refs/heads/<name>`, once the name passes the rules of git check-ref-format. */
export function branchRef(name: string): string {
  const invalid =
    name === "" ||
    name.startsWith("-") ||
    /(^|\/)\.|\.\.|\/\/|@\{|\.lock(\/|$)|[/.]$|[\x00-\x20\x7f~^:?*[\\]/.test(name);
  if (invalid) throw new ScmError(`“${name}” is not a valid branch name`);
  return `refs/heads/${name}`;
}
