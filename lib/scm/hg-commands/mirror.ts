import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { ScmError } from "../errors";
import { DEFAULT_FETCH_LIMITS, FetchLimitError } from "../guarded-http";
import type { MirrorOptions } from "../types";
import { checkRepositorySource, repositoryUrlPolicy } from "../url-policy";
import { startGuardedProxy } from "../guarded-proxy";
import { HG_ENV, HgCommandError } from "./command";
import { detect } from "./detect";

/**
 * `hg clone --noupdate` the first time, `hg pull` after: the mirror has no working copy.
 * `--` keeps a source starting with `-` from being read as an option. A URL is fetched through
 * a guarded proxy (lib/scm/guarded-proxy.ts): hg resolves hosts and follows redirects on its
 * own, and the proxy checks each request it makes against the same policy as the source.
 */
export async function mirror(
  source: string,
  dir: string,
  options: MirrorOptions = {},
): Promise<void> {
  const policy = options.policy ?? repositoryUrlPolicy();
  const limits = options.limits ?? DEFAULT_FETCH_LIMITS;
  const checked = await checkRepositorySource(source, policy);
  const from = checked.kind === "local" ? checked.path : checked.url.href;
  const onLine = options.onProgress && ((line: string) => options.onProgress!({ phase: line }));
  let args: string[];
  if (await detect(dir)) args = ["pull", "-R", resolve(dir), "--", from];
  else if ((await readdir(dir).catch(() => [])).length > 0) {
    throw new ScmError(`${dir} is in use and is not a Mercurial repository`);
  } else args = ["clone", "--noupdate", "--", from, resolve(dir)];
  const proxy = checked.kind === "remote" ? await startGuardedProxy(source, policy, limits) : null;
  const proxyConfig = proxy
    ? ["--config", `http_proxy.host=${proxy.hostPort}`, "--config", "http_proxy.always=true"]
    : [];
  try {
    await hgWithin(args, proxyConfig, limits.timeoutMs, onLine).catch((error: unknown) => {
      throw error === DEADLINE
        ? new FetchLimitError(source, `no answer within ${limits.timeoutMs / 1000} s`)
        : error;
    });
  } catch (error) {
    if (!proxy || !(error instanceof HgCommandError)) throw error;
    throw proxy.stoppedBy() ?? fetchFailure(source, error);
  } finally {
    await proxy?.close();
  }
}

const DEADLINE = Symbol("deadline");

/**
 * One `hg` process of its own rather than the shared command server, so that a fetch that
 * outlives its deadline can be killed without stopping anyone else's commands.
 */
function hgWithin(
  args: string[],
  config: string[],
  timeoutMs: number,
  onLine?: (line: string) => void,
): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn("hg", ["--config", "ui.interactive=false", ...config, ...args], {
      env: HG_ENV,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    let partial = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop()!;
      for (const line of lines) if (line.trim() !== "") onLine?.(line.trim());
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.once("error", (error) => fail(new ScmError(`cannot run hg: ${error.message}`)));
    child.once("close", (code, signal) => {
      if (signal === "SIGKILL") fail(DEADLINE);
      else if (code === 0) done();
      else fail(new HgCommandError(args, stdout, stderr, code ?? -1));
    });
  });
}

/** hg's explanation, less anything the server wrote into it (hg quotes a non-hg answer's body). */
function fetchFailure(url: string, error: HgCommandError): ScmError {
  const plain = (reason: string) =>
    new ScmError(`cannot fetch ${url}: ${reason}`, { cause: error });
  const status = /^abort: HTTP Error (\d+)/m.exec(error.stderr)?.[1];
  if (status) return plain(`the server answered HTTP ${status}`);
  if (/does not appear to be an hg repository/.test(error.stderr)) {
    return plain("the server did not answer as a Mercurial repository does");
  }
  const network = /^abort: error: (.{1,120})$/m.exec(error.stderr)?.[1];
  if (network) return plain(`the connection failed (${network})`);
  return plain("hg could not read a Mercurial repository there");
}
