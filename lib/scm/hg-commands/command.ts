import { spawn } from "node:child_process";
import type { Socket } from "node:net";
import { ScmError } from "../errors";

/** A failed `hg` command, with its output kept for callers that read hg's own explanation. */
export class HgCommandError extends ScmError {
  constructor(
    readonly args: readonly string[],
    readonly stdout: string,
    readonly stderr: string,
    readonly code: number,
  ) {
    const abort = stderr.split("\n").find((line) => line.startsWith("abort: "));
    const detail = abort?.slice("abort: ".length) ?? (stderr.trim() || `exit code ${code}`);
    super(`hg ${args[0]} failed: ${detail}`);
    this.name = "HgCommandError";
  }
}

/** Plain, untranslated UTF-8 output whatever the user's settings and locale (see `hg`). */
export const HG_ENV = { ...process.env, HGPLAIN: "1", HGENCODING: "utf-8" };

// A server left idle this long exits; the next command starts another.
const IDLE_MS = 10_000;
let shared: CommandServer | undefined;

/**
 * Runs an `hg` command and returns its standard output. Commands go to a Mercurial command
 * server (`hg serve --cmdserver pipe`) kept for a few idle seconds, since starting Python and
 * Mercurial costs more than most of what Pubforge asks of hg. The server is spawned with an
 * argument array, never through a shell, and each command travels as NUL-separated
 * arguments, so no text is ever parsed as a command line. HGPLAIN turns off the user's output
 * settings, aliases and translations; HGENCODING makes names and messages UTF-8 whatever the
 * locale. Commands get absolute paths, since the server keeps the directory it started in.
 */
export async function hg(
  args: readonly string[],
  options: { onLine?: (line: string) => void } = {},
): Promise<string> {
  return (await hgBytes(args, options)).toString();
}

/** `hg` with its output as bytes, for file contents that need not be text. */
export async function hgBytes(
  args: readonly string[],
  options: { onLine?: (line: string) => void } = {},
): Promise<Buffer> {
  for (;;) {
    if (!shared?.alive) shared = new CommandServer();
    const server = shared;
    await server.ready;
    // It may have gone idle and begun to exit while this call waited.
    if (server.alive) return server.run(args, options.onLine);
  }
}

/** A revset string literal: hg resolves it as a name (branch, bookmark, tag, id), whatever it holds. */
export function revsetString(name: string): string {
  return `'${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

interface Pending {
  args: readonly string[];
  out: Buffer[];
  err: Buffer[];
  onLine?: (line: string) => void;
  partialLine: string;
  resolve: (stdout: Buffer) => void;
  reject: (error: Error) => void;
}

// mercurial/commandserver.py: the server writes frames of a channel letter, a big-endian
// length and data; `r` carries the exit code, `I`/`L` ask for input (Pubforge gives none).
// Commands run one after another. While none is running the process does not keep Node's
// event loop alive, and it exits by itself when Node does, as its input then closes.
class CommandServer {
  readonly ready: Promise<void>;
  alive = true;
  private readonly child = spawn(
    "hg",
    ["serve", "--cmdserver", "pipe", "--config", "ui.interactive=false"],
    { env: HG_ENV, stdio: ["pipe", "pipe", "pipe"] },
  );
  private chunks: Buffer[] = [];
  private buffered = 0;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private idle: NodeJS.Timeout | undefined;
  private stderr = "";
  private hello: () => void = () => undefined;

  constructor() {
    this.ready = new Promise((resolve, reject) => {
      this.hello = resolve;
      this.child.once("error", (error) => reject(new ScmError(`cannot run hg: ${error.message}`)));
      this.child.once("exit", () => reject(this.stopped()));
    });
    this.ready.catch(() => undefined);
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdin.on("error", () => undefined);
    this.child.once("exit", () => {
      this.alive = false;
      this.pending?.reject(this.stopped());
    });
  }

  run(args: readonly string[], onLine?: (line: string) => void): Promise<Buffer> {
    this.busy++;
    clearTimeout(this.idle);
    this.keepNodeAlive(true);
    const result = this.queue.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          if (!this.alive) return reject(this.stopped());
          this.pending = { args, out: [], err: [], onLine, partialLine: "", resolve, reject };
          const payload = Buffer.from(args.join("\0"), "utf8");
          const length = Buffer.alloc(4);
          length.writeUInt32BE(payload.length);
          this.child.stdin.write(Buffer.concat([Buffer.from("runcommand\n"), length, payload]));
        }),
    );
    this.queue = result.catch(() => undefined);
    void this.queue.then(() => {
      if (--this.busy > 0) return;
      this.keepNodeAlive(false);
      this.idle = setTimeout(() => {
        this.alive = false;
        this.child.stdin.end();
      }, IDLE_MS).unref();
    });
    return result;
  }

  private keepNodeAlive(on: boolean): void {
    // The pipes are sockets, which Node's stream types do not say.
    const pipes = [this.child.stdin, this.child.stdout, this.child.stderr] as unknown as Socket[];
    for (const handle of [this.child, ...pipes]) {
      if (on) handle.ref();
      else handle.unref();
    }
  }

  private stopped(): Error {
    return new ScmError(
      `the hg command server stopped: ${this.stderr.trim() || "no reason given"}`,
    );
  }

  private receive(chunk: Buffer): void {
    // Chunks are joined only once a whole frame has arrived: a file's content comes as one
    // frame of megabytes, and joining at every 64 KB chunk would copy it quadratically.
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 5) {
      const head = this.peek(5);
      const channel = String.fromCharCode(head[0]!);
      const length = head.readUInt32BE(1);
      if (channel === "I" || channel === "L") {
        this.take(5);
        this.child.stdin.write(Buffer.alloc(4)); // no input: end of file
        continue;
      }
      if (this.buffered < 5 + length) return;
      this.frame(channel, this.take(5 + length).subarray(5));
    }
  }

  private peek(length: number): Buffer {
    if (this.chunks[0]!.length < length) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private take(length: number): Buffer {
    const taken = this.peek(length);
    const rest = taken.subarray(length);
    if (rest.length > 0) this.chunks[0] = rest;
    else this.chunks.shift();
    this.buffered -= length;
    return taken.subarray(0, length);
  }

  private frame(channel: string, data: Buffer): void {
    const pending = this.pending;
    if (!pending) {
      if (channel === "o") this.hello();
      return;
    }
    if (channel === "o") {
      pending.out.push(data);
      if (pending.onLine) {
        const lines = (pending.partialLine + data.toString()).split("\n");
        pending.partialLine = lines.pop()!;
        for (const line of lines) if (line.trim() !== "") pending.onLine(line.trim());
      }
    } else if (channel === "e") {
      pending.err.push(data);
    } else if (channel === "r") {
      this.pending = undefined;
      const code = data.readInt32BE(0);
      const stdout = Buffer.concat(pending.out);
      const stderr = Buffer.concat(pending.err).toString();
      if (code === 0) pending.resolve(stdout);
      else pending.reject(new HgCommandError(pending.args, stdout.toString(), stderr, code));
    }
  }
}
