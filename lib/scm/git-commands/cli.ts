import { runCapped, type CappedRun } from "../capped-process";
import { ScmError } from "../errors";
import { findGitdir } from "./repo";

/**
 * Neither the machine's nor a user's Git configuration may change what is read; pathspecs are
 * literal (a path named `:(glob)*` is a file, not a pattern); replacement refs, which a
 * repository's owner could use to show other history than the one it has, are ignored.
 */
export const GIT_ENV: Readonly<Record<string, string>> = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: "/nonexistent",
  LC_ALL: "C.UTF-8",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_LITERAL_PATHSPECS: "1",
  GIT_NO_REPLACE_OBJECTS: "1",
  GIT_OPTIONAL_LOCKS: "0",
  GIT_TERMINAL_PROMPT: "0",
};

/** What one read may cost by default: a page's worth, not a repository's. */
export const GIT_READ_LIMITS = { maxBytes: 16 * 1024 * 1024, timeoutMs: 30_000 };

/** The git directory of `dir`, or an ScmError. */
export async function gitdirOf(dir: string): Promise<string> {
  const gitdir = await findGitdir(dir);
  if (!gitdir) throw new ScmError(`${dir} is not a Git repository`);
  return gitdir;
}

/**
 * Runs a read-only `git` command on a repository. Isomorphic-git has no blame, no
 * path-limited log and no tree listing with sizes, and walks large histories slowly, so the
 * code browser reads through Git itself: an argument array (no shell), the caller's `--`
 * and `--end-of-options` where names follow, and output capped.
 */
export function gitRead(
  gitdir: string,
  args: readonly string[],
  limits: { maxBytes?: number; timeoutMs?: number } = {},
): Promise<CappedRun> {
  return runCapped("git", [`--git-dir=${gitdir}`, "--no-pager", ...args], {
    env: GIT_ENV,
    ...GIT_READ_LIMITS,
    ...limits,
  });
}

/** Output as text, refused when it did not fit: for commands whose output must be whole. */
export async function gitText(gitdir: string, args: readonly string[]): Promise<string> {
  const { stdout, truncated } = await gitRead(gitdir, args);
  if (truncated) throw new ScmError(`git ${args[0]} wrote more than Pubforge reads`);
  return stdout.toString("utf8");
}

/**
 * Runs a `git` command that writes objects or refs of a repository Pubforge owns (a merge):
 * the same clean environment as the reads, plus what the caller adds (who authors a commit).
 * `acceptExitCodes` are answers, not failures (`merge-tree` says "conflicts" with 1).
 */
export function gitWrite(
  gitdir: string,
  args: readonly string[],
  options: { env?: Record<string, string>; acceptExitCodes?: readonly number[] } = {},
): Promise<CappedRun> {
  return runCapped("git", [`--git-dir=${gitdir}`, ...args], {
    env: { ...GIT_ENV, ...options.env },
    maxBytes: GIT_READ_LIMITS.maxBytes,
    timeoutMs: 120_000,
    acceptExitCodes: options.acceptExitCodes,
  });
}
