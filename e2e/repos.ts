import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Real repositories made with the real `git`, for the merge request tests. */
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Alice",
  GIT_AUTHOR_EMAIL: "alice@a.test",
  GIT_COMMITTER_NAME: "Alice",
  GIT_COMMITTER_EMAIL: "alice@a.test",
};

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-C", dir, ...args], { env: ENV, encoding: "utf8" });
}

export function commitFile(
  dir: string,
  file: string,
  text: string,
  message: string,
  author?: string,
): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
  git(dir, "add", file);
  const by = author ? ["-c", `user.name=${author}`] : [];
  execFileSync(
    "git",
    [
      "-C",
      dir,
      ...by,
      "commit",
      "-q",
      "-m",
      message,
      ...(author ? [`--author=${author} <${author.toLowerCase()}@b.test>`] : []),
    ],
    {
      env: ENV,
    },
  );
}

/**
 * A fresh folder for repositories the servers under test may read: inside the directory that
 * scripts/test.sh puts on their allow-list (PUBFORGE_REPOSITORY_ALLOW), since they read no
 * other local path.
 */
export function repositoryScratchDir(prefix: string): string {
  const allowed = process.env.PUBFORGE_E2E_REPOS ?? tmpdir();
  mkdirSync(allowed, { recursive: true });
  return mkdtempSync(path.join(allowed, prefix));
}

/** alice's project repository and bob's fork of it, in a fresh folder. */
export function makeGitProject(): { root: string; upstream: string; fork: string } {
  const root = repositoryScratchDir("pubforge-e2e-");
  const upstream = path.join(root, "upstream");
  mkdirSync(upstream);
  git(upstream, "init", "-q", "-b", "main");
  commitFile(upstream, "src/app.txt", "one\ntwo\nthree\nfour\nfive\n", "Initial import");
  commitFile(upstream, "README", "The demo.\n", "Add a README");
  const fork = path.join(root, "fork");
  execFileSync("git", ["clone", "-q", upstream, fork], { env: ENV });
  git(fork, "checkout", "-q", "-b", "feature");
  return { root, upstream, fork };
}

/** Runs the real `hg` in `dir`, with plain output and alice as the committer. */
export function hg(dir: string, ...args: string[]): string {
  return execFileSync("hg", ["--cwd", dir, ...args], {
    env: { ...process.env, HGPLAIN: "1", HGUSER: "Alice <alice@a.test>" },
    encoding: "utf8",
  });
}
