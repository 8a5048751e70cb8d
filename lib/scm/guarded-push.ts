import { spawn } from "node:child_process";
import { ScmError } from "./errors";
import { startGuardedProxy } from "./guarded-proxy";
import type { PushCredential, PushOptions } from "./types";
import { checkRemoteUrl, repositoryUrlPolicy } from "./url-policy";

const DEFAULT_PUSH_TIMEOUT_MS = 120_000;
/** A push's answers are a few status lines; anything much larger is not a push's answer. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const MAX_OUTPUT_CHARS = 64 * 1024;
const MAX_REASON_CHARS = 400;
// Line ends would end a line of hg's config file or of Git's credential protocol, letting a
// "password" add settings (hg hooks run commands).
const CONTROL = /[\x00-\x1f\x7f]/;

/** The command that pushes, given the guarded proxy's `127.0.0.1:<port>` and the checked URL. */
export interface PushCommand {
  readonly command: "git" | "hg";
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Exit codes that are not failures besides 0 (hg push: 1, nothing to push). */
  readonly alsoFine?: readonly number[];
}

/**
 * Runs a push of the real `git` or `hg` under the same URL policy as fetches: the target is
 * checked first, and the SCM talks only through a guarded proxy (guarded-proxy.ts), which
 * checks every request again (redirects included) and connects to the address checked. The
 * credential travels in the child's environment or a private temporary file, never on its
 * command line; what the push printed is kept only as a short reason, without the password.
 */
export async function guardedPush(
  target: string,
  credential: PushCredential,
  options: PushOptions,
  build: (proxy: string, url: URL) => Promise<PushCommand> | PushCommand,
): Promise<void> {
  const policy = options.policy ?? repositoryUrlPolicy();
  const { url } = await checkRemoteUrl(target, policy);
  if (url.username || url.password) {
    throw new ScmError(
      `cannot push to ${target}: give the user and password apart, not in the URL`,
    );
  }
  if (CONTROL.test(credential.username) || CONTROL.test(credential.password)) {
    throw new ScmError(`cannot push to ${url.href}: the credential holds a control character`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS;
  const proxy = await startGuardedProxy(target, policy, { maxBytes: MAX_ANSWER_BYTES, timeoutMs });
  try {
    const command = await build(proxy.hostPort, url);
    const { code, output } = await run(command, timeoutMs);
    if (code === 0 || (code !== null && command.alsoFine?.includes(code))) return;
    throw (
      proxy.stoppedBy() ??
      new ScmError(
        code === null
          ? `cannot push to ${url.href}: no answer within ${timeoutMs / 1000} s`
          : `cannot push to ${url.href}: ${pushReason(output, credential)}`,
      )
    );
  } finally {
    await proxy.close();
  }
}

/** What a failed push said, in a line: the server's and the SCM's own explanations. */
export function pushReason(output: string, credential: PushCredential): string {
  const lines = output
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const telling = lines.filter((line) => /^(remote:|fatal:|error:|abort:|! )/.test(line));
  let reason = (telling.length > 0 ? telling : lines.slice(-1)).join(" ") || "the push failed";
  if (credential.password) reason = reason.split(credential.password).join("…");
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
}

function run(
  { command, args, env }: PushCommand,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
      killSignal: "SIGKILL",
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      if (output.length < MAX_OUTPUT_CHARS) output += chunk.toString();
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", (error) => reject(new ScmError(`cannot run ${command}: ${error.message}`)));
    child.once("close", (code, signal) =>
      resolve({ code: signal === "SIGKILL" ? null : code, output }),
    );
  });
}
