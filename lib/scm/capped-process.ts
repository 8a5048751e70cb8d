import { spawn } from "node:child_process";
import { ScmError } from "./errors";

export interface CappedRun {
  /** Standard output, at most `maxBytes` of it. */
  readonly stdout: Buffer;
  /** Output went past `maxBytes`: the process was stopped there. */
  readonly truncated: boolean;
  /** 0, or one of the codes the caller accepted as an answer rather than a failure. */
  readonly code: number;
}

/** A command that failed, with what it wrote on standard error. */
export class CommandFailedError extends ScmError {
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly stderr: string,
    readonly code: number | null,
  ) {
    const detail = stderr.trim().split("\n").at(-1) || `exit code ${code}`;
    super(`${command} ${args.find((arg) => !arg.startsWith("-")) ?? ""} failed: ${detail}`);
    this.name = "CommandFailedError";
  }
}

/**
 * Runs a command (an argument array, never a shell) and collects its output up to `maxBytes`,
 * killing it there or after `timeoutMs`: what the browser reads from a repository is as large
 * as whoever made the repository wanted, so neither memory nor time may follow it.
 */
export function runCapped(
  command: string,
  args: readonly string[],
  options: {
    env: Readonly<Record<string, string | undefined>>;
    maxBytes: number;
    timeoutMs: number;
    /** Codes that answer a question (`merge-base --is-ancestor` says no with 1), not failures. */
    acceptExitCodes?: readonly number[];
  },
): Promise<CappedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    let length = 0;
    let truncated = false;
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      if (truncated) return;
      const room = options.maxBytes - length;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      length += Math.min(chunk.length, room);
      if (chunk.length > room) {
        truncated = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString();
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new ScmError(`cannot run ${command}: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (truncated) resolve({ stdout: Buffer.concat(chunks), truncated, code: code ?? 0 });
      else if (signal === "SIGKILL") {
        reject(new ScmError(`${command} took longer than ${options.timeoutMs / 1000} s`));
      } else if (code === 0 || (code !== null && options.acceptExitCodes?.includes(code))) {
        resolve({ stdout: Buffer.concat(chunks), truncated, code });
      } else reject(new CommandFailedError(command, args, stderr, code));
    });
  });
}
