import { execFileSync, spawnSync } from "node:child_process";
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

/** What a run of `git` or `hg` came to: its exit code and all it printed. */
export interface ToolRun {
  readonly ok: boolean;
  readonly stdout: string;
  readonly output: string;
}

/**
 * The real `git` or `hg` in `cwd` as a person would run it against Pubforge: no prompts, no
 * machine or user settings, committing as `author` ("Name <email>"), at `date` if given (Git
 * then writes the same commits from the same changes).
 */
export function runTool(
  command: "git" | "hg",
  cwd: string,
  author: string,
  args: readonly string[],
  { date }: { date?: string } = {},
): ToolRun {
  const [, name = author, email = ""] = /^(.*) <(.*)>$/.exec(author) ?? [];
  const result = spawnSync(
    command,
    command === "hg" ? ["--config", "ui.interactive=false", ...args] : [...args],
    {
      cwd,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: "0",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_AUTHOR_NAME: name,
        GIT_AUTHOR_EMAIL: email,
        GIT_COMMITTER_NAME: name,
        GIT_COMMITTER_EMAIL: email,
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
        HGPLAIN: "1",
        HGRCPATH: "",
        HGUSER: author,
      },
      timeout: 90_000,
    },
  );
  return {
    ok: result.status === 0,
    stdout: result.stdout,
    output: `${result.stdout}${result.stderr}`,
  };
}

/** A repository URL with a user and password in it, as a credential helper would give them. */
export function withCredentials(url: string, jid: string, secret: string): string {
  const address = new URL(url);
  address.username = encodeURIComponent(jid);
  address.password = encodeURIComponent(secret);
  return address.href;
}
