import fs from "node:fs";
import git from "isomorphic-git";
import { ScmError } from "../errors";
import { copyObjects } from "./local-objects";
import { findGitdir, type Repo } from "./repo";

/**
 * Brings the commits of the local repository `source` (a mirror of the project's upstream)
 * into `dir`, the repository merges land in, without ever losing one of `dir`'s own commits:
 * a branch is created when `dir` lacks it and moves only forward (when its tip is an ancestor
 * of the source's); a branch with merged work the upstream lacks stays where it is: `ahead`
 * when the upstream has nothing new on it, `diverged` when it has moved on too. Tags are
 * added, never moved.
 */
export async function pull(
  source: string,
  dir: string,
): Promise<{ diverged: string[]; ahead: string[] }> {
  const sourceGitdir = await findGitdir(source);
  if (!sourceGitdir) throw new ScmError(`${source} is not a Git repository`);
  const from: Repo = { fs, gitdir: sourceGitdir, cache: {} };
  const fresh = (await findGitdir(dir)) === undefined;
  if (fresh) await git.init({ fs, dir, gitdir: dir, bare: true });
  const into: Repo = { fs, gitdir: dir, cache: {} };
  await copyObjects(sourceGitdir, dir);

  const diverged: string[] = [];
  const ahead: string[] = [];
  for (const name of await git.listBranches({ ...from })) {
    const ref = `refs/heads/${name}`;
    const theirs = await git.resolveRef({ ...from, ref });
    const ours = await git.resolveRef({ ...into, ref }).catch(() => undefined);
    if (ours === theirs) continue;
    const forward =
      ours === undefined ||
      (await git.isDescendent({ ...into, oid: theirs, ancestor: ours, depth: -1 }));
    if (forward) await git.writeRef({ ...into, ref, value: theirs, force: true });
    else if (await git.isDescendent({ ...into, oid: ours, ancestor: theirs, depth: -1 })) {
      ahead.push(name);
    } else diverged.push(name);
  }
  const ourTags = new Set(await git.listTags({ ...into }));
  for (const name of await git.listTags({ ...from })) {
    if (ourTags.has(name)) continue;
    const value = await git.resolveRef({ ...from, ref: `refs/tags/${name}` });
    await git.writeRef({ ...into, ref: `refs/tags/${name}`, value });
  }
  if (fresh) {
    const head = await git.resolveRef({ ...from, ref: "HEAD", depth: 2 }).catch(() => "");
    if (head.startsWith("refs/heads/")) {
      await git.writeRef({ ...into, ref: "HEAD", value: head, symbolic: true, force: true });
    }
  }
  return { diverged, ahead };
}
