import fs from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import git from "isomorphic-git";
import http from "isomorphic-git/http/node";
import { ScmError } from "../errors";
import type { MirrorProgress } from "../types";
import { copyObjects } from "./local-objects";
import { findGitdir, type Repo } from "./repo";

type OnProgress = (progress: MirrorProgress) => void;

// A mirror's branches are the source's branches, not remote-tracking copies of them.
const MIRROR_REFSPEC = "+refs/heads/*:refs/heads/*";

/**
 * Makes the bare repository `dir` a mirror of `source`: every branch and tag, branches gone
 * from the source pruned, HEAD naming the same default branch. isomorphic-git fetches over
 * HTTP(S) only; a local path (or file:// URL) is copied object file by object file instead.
 */
export async function mirror(source: string, dir: string, onProgress?: OnProgress): Promise<void> {
  if (/^https?:\/\//i.test(source)) return mirrorOverHttp(source, dir, onProgress);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(source)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "file") {
    throw new ScmError(`cannot mirror a ${scheme}:// URL: use an https:// URL or a local path`);
  }
  return mirrorLocal(scheme === "file" ? fileURLToPath(source) : resolve(source), dir, onProgress);
}

async function openMirror(dir: string): Promise<Repo> {
  const gitdir = await findGitdir(dir);
  if (gitdir) return { fs, gitdir, cache: {} };
  const entries = await fs.promises.readdir(dir).catch(() => []);
  if (entries.length > 0) throw new ScmError(`${dir} is in use and is not a Git repository`);
  await git.init({ fs, dir, gitdir: dir, bare: true });
  return { fs, gitdir: dir, cache: {} };
}

async function mirrorOverHttp(url: string, dir: string, onProgress?: OnProgress): Promise<void> {
  const repo = await openMirror(dir);
  await git.setConfig({ ...repo, path: "remote.origin.url", value: url });
  await git.setConfig({ ...repo, path: "remote.origin.fetch", value: MIRROR_REFSPEC });
  let fetched;
  try {
    fetched = await git.fetch({
      ...repo,
      http,
      remote: "origin",
      singleBranch: false,
      tags: true,
      prune: true,
      onProgress,
    });
  } catch (cause) {
    throw new ScmError(`cannot fetch ${url}: ${(cause as Error).message}`, { cause });
  }
  if (fetched.defaultBranch) {
    await git.writeRef({
      ...repo,
      ref: "HEAD",
      value: fetched.defaultBranch,
      symbolic: true,
      force: true,
    });
  }
}

async function mirrorLocal(path: string, dir: string, onProgress?: OnProgress): Promise<void> {
  const sourceGitdir = await findGitdir(path);
  if (!sourceGitdir) throw new ScmError(`${path} is not a Git repository`);
  const source: Repo = { fs, gitdir: sourceGitdir, cache: {} };
  const repo = await openMirror(dir);
  await copyObjects(sourceGitdir, repo.gitdir, onProgress);
  // Refs only after objects, so that no ref ever names an object the mirror lacks.
  for (const kind of ["heads", "tags"] as const) {
    const list = kind === "heads" ? git.listBranches : git.listTags;
    const [names, ours] = await Promise.all([list({ ...source }), list({ ...repo })]);
    for (const name of names) {
      const value = await git.resolveRef({ ...source, ref: `refs/${kind}/${name}` });
      await git.writeRef({ ...repo, ref: `refs/${kind}/${name}`, value, force: true });
    }
    for (const name of ours.filter((name) => !names.includes(name))) {
      await git.deleteRef({ ...repo, ref: `refs/${kind}/${name}` });
    }
  }
  const head = await git.resolveRef({ ...source, ref: "HEAD", depth: 2 });
  if (head.startsWith("refs/heads/")) {
    await git.writeRef({ ...repo, ref: "HEAD", value: head, symbolic: true, force: true });
  }
}
