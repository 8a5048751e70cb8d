import fs from "node:fs";
import { join } from "node:path";
import { GIT_READ_LIMITS } from "./cli";
import { CatFileProcess } from "./cat-file-process";

export interface CatFilePoolOptions {
  /** Processes alive at most; past that the least recently used idle one is closed. */
  readonly maxLive: number;
  /** A process nobody asked anything for this long is closed. */
  readonly idleMs: number;
  /** A request taking longer stops its process (cat-file-process.ts). */
  readonly timeoutMs: number;
  /** After a process of a repository crashed, that repository is read without one this long. */
  readonly crashPauseMs: number;
}

interface Entry {
  readonly process: CatFileProcess;
  /** Which directory the process opened: a repository replaced at the same path is another. */
  readonly identity: string;
  idle?: NodeJS.Timeout;
}

/**
 * At most one `git cat-file --batch-command` per repository, kept while it is used: spawning
 * git is most of what a page of the code browser waits for (bench/RESULTS.md, code-browser).
 * A process is closed after `idleMs` unused, when its repository's directory is no longer the
 * one it opened (deleted, or replaced by a fresh copy), on `close(gitdir)`, and the least
 * recently used goes when `maxLive` would be passed. A repository whose process crashed is
 * read without one for `crashPauseMs`, so that a repository git cannot read costs no spawn
 * loop. Shallow and grafted repositories get none: what git log says of their parents is not
 * what their commit objects say.
 */
export class CatFilePool {
  private readonly entries = new Map<string, Entry>();
  private readonly crashedAt = new Map<string, number>();

  constructor(private readonly options: CatFilePoolOptions) {}

  /** The repository's process, started if need be; undefined when it is to be read without. */
  async processFor(gitdir: string): Promise<CatFileProcess | undefined> {
    const identity = await identityOf(gitdir);
    const entry = this.entries.get(gitdir);
    if (entry && (!entry.process.alive || entry.identity !== identity)) this.close(gitdir);
    if (identity === undefined) return undefined;
    const crashed = this.crashedAt.get(gitdir);
    if (crashed !== undefined && Date.now() - crashed < this.options.crashPauseMs) return undefined;
    const kept = this.entries.get(gitdir);
    if (kept) return this.touch(gitdir, kept);
    this.makeRoom();
    const process = new CatFileProcess(gitdir, this.options.timeoutMs, (stopped, crash) => {
      if (crash) this.crashedAt.set(gitdir, Date.now());
      if (this.entries.get(gitdir)?.process === stopped) this.forget(gitdir);
    });
    return this.touch(gitdir, { process, identity });
  }

  /** Closes the repository's process, if any: for a repository deleted or replaced. */
  close(gitdir: string): void {
    const entry = this.entries.get(gitdir);
    if (!entry) return;
    this.forget(gitdir);
    entry.process.close();
  }

  closeAll(): void {
    for (const gitdir of [...this.entries.keys()]) this.close(gitdir);
  }

  get live(): number {
    return this.entries.size;
  }

  private touch(gitdir: string, entry: Entry): CatFileProcess {
    // A Map iterates in insertion order: re-inserting keeps the least recently used first.
    this.entries.delete(gitdir);
    this.entries.set(gitdir, entry);
    clearTimeout(entry.idle);
    entry.idle = setTimeout(() => this.closeWhenIdle(gitdir, entry), this.options.idleMs);
    entry.idle.unref();
    return entry.process;
  }

  private closeWhenIdle(gitdir: string, entry: Entry): void {
    if (this.entries.get(gitdir) !== entry) return;
    if (entry.process.busy) {
      entry.idle = setTimeout(() => this.closeWhenIdle(gitdir, entry), this.options.idleMs);
      entry.idle.unref();
      return;
    }
    this.close(gitdir);
  }

  private makeRoom(): void {
    if (this.entries.size < this.options.maxLive) return;
    const idle = [...this.entries].find(([, entry]) => !entry.process.busy);
    // All busy: the oldest goes all the same, its requests fail over to git commands.
    this.close((idle ?? [...this.entries][0]!)[0]);
  }

  private forget(gitdir: string): void {
    clearTimeout(this.entries.get(gitdir)?.idle);
    this.entries.delete(gitdir);
  }
}

/** The directory's device, inode and birth time; undefined if it is gone or to be read without. */
async function identityOf(gitdir: string): Promise<string | undefined> {
  const [stat, shallow, grafts] = await Promise.all([
    fs.promises.stat(gitdir).catch(() => undefined),
    fs.promises.access(join(gitdir, "shallow")).then(
      () => true,
      () => false,
    ),
    fs.promises.access(join(gitdir, "info", "grafts")).then(
      () => true,
      () => false,
    ),
  ]);
  if (!stat?.isDirectory() || shallow || grafts) return undefined;
  return `${stat.dev}:${stat.ino}:${stat.birthtimeMs}`;
}

/** The server's pool: a page reads a few repositories at a time, each kept half a minute. */
export const catFiles = new CatFilePool({
  maxLive: 16,
  idleMs: 30_000,
  timeoutMs: GIT_READ_LIMITS.timeoutMs,
  crashPauseMs: 30_000,
});
