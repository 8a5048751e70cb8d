import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Socket } from "node:net";
import { RefusedInputError } from "../browse-input";
import { ScmError } from "../errors";
import { BatchReplyReader, type BatchReply } from "./batch-replies";
import { GIT_ENV, GIT_READ_LIMITS } from "./cli";

/** One command of a request: an object's type and size, or its bytes too. */
export interface BatchCommand {
  readonly command: "info" | "contents";
  /** An object name: an id, or a revision with a `^{commit}`/`^{tree}` suffix. */
  readonly object: string;
  /** For `contents`: bytes accepted at most (ask `info` first: git writes the whole object). */
  readonly maxBytes?: number;
}

/**
 * The cat-file process stopped, or was stopped, before answering: the caller may read the same
 * thing with a git command of its own. A request that took too long is not this, but an
 * ScmError: trying again would take as long.
 */
export class CatFileUnavailableError extends ScmError {
  constructor(reason: string) {
    super(`git cat-file stopped: ${reason}`);
    this.name = "CatFileUnavailableError";
  }
}

interface Request {
  readonly replies: BatchReply[];
  readonly count: number;
  readonly resolve: (replies: BatchReply[]) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

// Each command is one line: a name holding a line break would end it and start another
// command, and git reads a NUL as the end of the name.
const LINE_BREAKING = /[\n\r\0]/;

/**
 * One `git cat-file --batch-command --buffer` for one repository: requests are written as
 * they come, each ended by `flush`, and their replies come back in the same order. Git
 * re-reads a ref at each lookup (loose and packed: a push or a fetch is seen by the next
 * request) and looks for new packs when an object is not in the ones it knows. A request
 * that takes longer than `timeoutMs`, output git was not asked for, or git's exit stop the
 * process and fail every request waiting on it.
 */
export class CatFileProcess {
  alive = true;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly reader = new BatchReplyReader();
  private readonly requests: Request[] = [];
  private stderr = "";

  constructor(
    readonly gitdir: string,
    private readonly timeoutMs: number = GIT_READ_LIMITS.timeoutMs,
    private readonly onStop: (process: CatFileProcess, crashed: boolean) => void = () => {},
  ) {
    this.child = spawn("git", [`--git-dir=${gitdir}`, "cat-file", "--batch-command", "--buffer"], {
      env: GIT_ENV as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => {
      // Warnings (an ambiguous name) are drained, so that git never waits on a full pipe.
      this.stderr = (this.stderr + chunk.toString()).slice(-2000);
    });
    this.child.stdin.on("error", () => undefined);
    this.child.once("error", (error) => this.stop(new CatFileUnavailableError(error.message)));
    this.child.once("exit", (code, signal) => {
      const reason = this.stderr.trim().split("\n").at(-1) || `exit ${code ?? signal}`;
      this.stop(new CatFileUnavailableError(reason));
    });
    this.keepNodeAlive(false);
  }

  /** The process id, for tests that stop it as a crash or a hang would. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Requests sent and not yet answered. */
  get busy(): boolean {
    return this.requests.length > 0;
  }

  request(commands: readonly BatchCommand[]): Promise<BatchReply[]> {
    for (const { object } of commands) {
      if (object === "" || LINE_BREAKING.test(object)) {
        throw new RefusedInputError("revision", "an object name holds a line break or a NUL");
      }
    }
    if (!this.alive) return Promise.reject(new CatFileUnavailableError("it was closed"));
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(new ScmError(`git cat-file took longer than ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      this.requests.push({ replies: [], count: commands.length, resolve, reject, timer });
      for (const { command, object, maxBytes } of commands) {
        this.reader.expect({
          object,
          withContent: command === "contents",
          maxBytes: maxBytes ?? GIT_READ_LIMITS.maxBytes,
        });
      }
      this.keepNodeAlive(true);
      const lines = commands.map(({ command, object }) => `${command} ${object}\n`).join("");
      this.child.stdin.write(`${lines}flush\n`);
    });
  }

  /** Ends the process; requests still waiting fail. */
  close(): void {
    this.stop(new CatFileUnavailableError("it was closed"), false);
  }

  private receive(chunk: Buffer): void {
    let replies: BatchReply[];
    try {
      replies = this.reader.push(chunk);
    } catch (error) {
      return this.stop(error as Error);
    }
    for (const reply of replies) {
      const request = this.requests[0];
      if (!request) return this.stop(new ScmError("git cat-file: a reply nobody asked for"));
      request.replies.push(reply);
      if (request.replies.length === request.count) {
        this.requests.shift();
        clearTimeout(request.timer);
        request.resolve(request.replies);
      }
    }
    if (this.requests.length === 0) this.keepNodeAlive(false);
  }

  private stop(error: Error, crashed = true): void {
    if (this.alive) {
      this.alive = false;
      this.child.kill("SIGKILL");
      this.onStop(this, crashed);
    }
    for (const request of this.requests.splice(0)) {
      clearTimeout(request.timer);
      request.reject(error);
    }
  }

  // While nothing is asked of it, the process does not keep Node running (as hg's server).
  private keepNodeAlive(on: boolean): void {
    const pipes = [this.child.stdin, this.child.stdout, this.child.stderr] as unknown as Socket[];
    for (const handle of [this.child, ...pipes]) {
      if (on) handle.ref();
      else handle.unref();
    }
  }
}
