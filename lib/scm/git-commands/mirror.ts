import fs from "node:fs";
import git, { Errors } from "isomorphic-git";
import { ScmError } from "../errors";
import { DEFAULT_FETCH_LIMITS, guardedHttp, type GuardedHttpClient } from "../guarded-http";
import type { MirrorOptions, MirrorProgress } from "../types";
import { checkRepositorySource, repositoryUrlPolicy } from "../url-policy";
import { copyObjects } from "./local-objects";
import { findGitdir, type Repo } from "./repo";

type OnProgress = (progress: MirrorProgress) => void;

// A mirror's branches are the source's branches, not remote-tracking copies of them.
const MIRROR_REFSPEC = "+refs/heads/*:refs/heads/*";

/**
 * Makes the bare repository `dir` a mirror of `source`: every branch and tag, branches gone
 * from the source pruned, HEAD naming the same default branch. What may be read is the URL
 * policy's to say. isomorphic-git fetches over HTTP(S) only; a local repository (in a
 * directory the policy allows) is copied object file by object file instead.
 */
export async function mirror(
  source: string,
  dir: string,
  options: MirrorOptions = {},
): Promise<void> {
  const policy = options.policy ?? repositoryUrlPolicy();
  const checked = await checkRepositorySource(source, policy);
  if (checked.kind === "local") return mirrorLocal(checked.path, dir, options.onProgress);
  const http = guardedHttp(source, policy, options.limits ?? DEFAULT_FETCH_LIMITS);
  return mirrorOverHttp(source, dir, http, options.onProgress);
}

async function openMirror(dir: string): Promise<Repo> {
  const gitdir = await findGitdir(dir);
  if (gitdir) return { fs, gitdir, cache: {} };
  const entries = await fs.promises.readdir(dir).catch(() => []);
  if (entries.length > 0) throw new ScmError(`${dir} is in use and is not a Git repository`);
  await git.init({ fs, dir, gitdir: dir, bare: true });
  return { fs, gitdir: dir, cache: {} };
}

async function mirrorOverHttp(
  url: string,
  dir: string,
  http: GuardedHttpClient,
  onProgress?: OnProgress,
): Promise<void> {
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
    throw http.stoppedBy() ?? fetchFailure(url, cause);
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

/**
 * A failed fetch told without a byte of what the server answered: isomorphic-git puts the
 * start of a response body into its messages, and that body may be an internal page.
 */
function fetchFailure(url: string, cause: unknown): ScmError {
  if (cause instanceof ScmError) return cause;
  const plain = (reason: string) => new ScmError(`cannot fetch ${url}: ${reason}`, { cause });
  if (cause instanceof Errors.HttpError) {
    return plain(`the server answered HTTP ${cause.data.statusCode}`);
  }
  if (cause instanceof Errors.SmartHttpError) {
    return plain("the server did not answer as a Git repository does (Git's smart HTTP)");
  }
  const code = (cause as NodeJS.ErrnoException).code;
  if (code && /^E[A-Z]+$/.test(code)) return plain(`the connection failed (${code})`);
  return plain("the server's answer is not a Git repository Pubforge can read");
}
