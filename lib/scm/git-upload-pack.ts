import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { gunzip } from "node:zlib";
import { outputStream, tooLarge } from "./cgi";
import {
  answerAndKeep,
  cloneAnswerEntry,
  isFetchFromNothing,
  keptAnswer,
  startKeeping,
} from "./clone-pack-cache";
import {
  cachedLsRefs,
  isLsRefs,
  keepLsRefs,
  MAX_CACHED_LS_REFS_BYTES,
  refsState,
} from "./ls-refs-cache";
import { encodePktLine, FLUSH_PKT } from "./pkt-line";

/** What serving a fetch needs of one HTTP request (a subset of git-http.ts's GitHttpRequest). */
export interface UploadPackRequest {
  /** The bare repository to serve. */
  readonly repository: string;
  /** `info/refs` (with `service=git-upload-pack`) or `git-upload-pack`. */
  readonly path: string;
  readonly method: string;
  readonly contentType: string | null;
  readonly contentEncoding: string | null;
  readonly gitProtocol: string | null;
  readonly body: ReadableStream<Uint8Array> | null;
}

const REQUEST_TYPE = "application/x-git-upload-pack-request";
const RESULT_TYPE = "application/x-git-upload-pack-result";
const ADVERTISEMENT_TYPE = "application/x-git-upload-pack-advertisement";
// What `git http-backend` sends (hdr_nocache): neither answer may be kept by a cache between.
const NO_CACHE = {
  Expires: "Fri, 01 Jan 1980 00:00:00 GMT",
  Pragma: "no-cache",
  "Cache-Control": "no-cache, max-age=0, must-revalidate",
};

/**
 * The `Git-Protocol` header as Git's client sends it (`version=2`, or `version=1`), or nothing:
 * anything else is ignored (the client gets protocol v0), never handed to Git as it came.
 */
export function gitProtocolOf(header: string | null): "version=1" | "version=2" | undefined {
  return header === "version=1" || header === "version=2" ? header : undefined;
}

/** A fetch's two requests, which Pubforge serves itself (the rest goes to `git http-backend`). */
export function isUploadPack(path: string, query: string): boolean {
  return (
    path === "git-upload-pack" ||
    (path === "info/refs" && new URLSearchParams(query).get("service") === "git-upload-pack")
  );
}

/**
 * Serves a fetch as Forgejo and Gitea do, with `git upload-pack --stateless-rpc` run directly
 * rather than through `git http-backend`, which would start Git twice per request: `env` is
 * the server's Git environment (git-http.ts). Protocol v2's capabilities come from memory,
 * and so do its refs while they have not moved (./ls-refs-cache.ts), and a clone's pack from
 * a file (./clone-pack-cache.ts).
 */
export async function serveUploadPack(
  request: UploadPackRequest,
  env: Record<string, string>,
  maxBodyBytes: number,
): Promise<Response> {
  const protocol = gitProtocolOf(request.gitProtocol);
  const gitEnv = protocol ? { ...env, GIT_PROTOCOL: protocol } : env;
  if (request.path === "info/refs") {
    if (request.method !== "GET" && request.method !== "HEAD") return plain(405, "Use GET.");
    const headers = { "Content-Type": ADVERTISEMENT_TYPE, ...NO_CACHE };
    if (protocol === "version=2") {
      const capabilities = await v2Capabilities(request.repository, gitEnv);
      return new Response(new Uint8Array(capabilities), { headers });
    }
    // v0 and v1 advertise the refs, which change: Git tells them, after the header it omits.
    const child = uploadPack(["--advertise-refs", request.repository], gitEnv, null);
    return new Response(outputStream(child, SERVICE_HEADER), { headers });
  }
  if (request.method !== "POST") return plain(405, "Use POST.");
  if (request.contentType !== REQUEST_TYPE) {
    return plain(415, `Expected POST with Content-Type '${REQUEST_TYPE}'.`);
  }
  // Read whole before Git starts, as http-backend does for upload-pack: a body past the limit
  // is refused without starting anything, and a gzipped one is held to the limit inflated.
  const received = await readAtMost(request.body, maxBodyBytes);
  if (!received) return tooLarge(maxBodyBytes);
  const gzipped = request.contentEncoding === "gzip" || request.contentEncoding === "x-gzip";
  const input = gzipped ? await inflateAtMost(received, maxBodyBytes) : received;
  if (input === "too-large") return tooLarge(maxBodyBytes);
  if (input === "corrupt") return plain(400, "The request body is not valid gzip.");
  if (protocol === "version=2" && isLsRefs(input)) {
    return lsRefs(request.repository, gitEnv, input);
  }
  if (protocol === "version=2" && isFetchFromNothing(input)) {
    return fetchFromNothing(request.repository, gitEnv, input);
  }
  const child = uploadPack([request.repository], gitEnv, input);
  return new Response(outputStream(child), { headers: RESULT_HEADERS });
}

const RESULT_HEADERS = { "Content-Type": RESULT_TYPE, ...NO_CACHE };

/** Protocol v2's `ls-refs`, answered from memory while the refs stay as they were. */
async function lsRefs(repository: string, env: Record<string, string>, input: Buffer) {
  const state = await refsState(repository);
  const cached = state && cachedLsRefs(repository, state, input);
  if (cached) return new Response(new Uint8Array(cached), { headers: RESULT_HEADERS });
  const child = uploadPack([repository], env, input);
  if (state) {
    const answer: Buffer[] = [];
    let size = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CACHED_LS_REFS_BYTES) answer.push(chunk);
    });
    child.on("close", (code) => {
      if (code !== 0 || size > MAX_CACHED_LS_REFS_BYTES) return;
      // Kept only if no ref moved while Git read them: the answer is then that state's.
      void refsState(repository).then((after) => {
        if (after === state) keepLsRefs(repository, state, input, Buffer.concat(answer));
      });
    });
  }
  return new Response(outputStream(child), { headers: RESULT_HEADERS });
}

/** A v2 fetch with no `have` (a clone): the kept answer, or Git's, kept for the next one. */
async function fetchFromNothing(repository: string, env: Record<string, string>, input: Buffer) {
  const entry = await cloneAnswerEntry(repository, env, input);
  const kept = entry && (await keptAnswer(entry));
  if (kept) return new Response(kept, { headers: RESULT_HEADERS });
  const writer = entry && (await startKeeping(entry));
  const child = uploadPack([repository], env, input);
  const answer = writer ? answerAndKeep(child, writer) : outputStream(child);
  return new Response(answer, { headers: RESULT_HEADERS });
}

const SERVICE_HEADER = Buffer.concat([encodePktLine("# service=git-upload-pack\n"), FLUSH_PKT]);

function uploadPack(args: string[], env: Record<string, string>, input: Buffer | null) {
  // --strict: the directory given is the repository, never a `.git` below it.
  const child = spawn("git", ["upload-pack", "--stateless-rpc", "--strict", ...args], {
    env: env as NodeJS.ProcessEnv,
  });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on("error", () => {}); // Git may answer and exit before reading everything
  child.stdin.end(input ?? undefined);
  child.on("close", (code) => {
    if (code !== 0) console.warn(`[git] upload-pack exited ${code}: ${Buffer.concat(stderr)}`);
  });
  return child;
}

/**
 * Protocol v2's answer to info/refs lists capabilities, not refs: they follow from Git's
 * version, the server's configuration (its environment, fixed) and the repository's own
 * config (object format, settings), so they are kept per repository while its config file
 * stays the same file, unchanged.
 */
const capabilityCache = new Map<string, { config: string; answer: Buffer }>();
const CAPABILITY_CACHE_SIZE = 256;

async function v2Capabilities(repository: string, env: Record<string, string>): Promise<Buffer> {
  const config = await stat(join(repository, "config"), { bigint: true }).then(
    (s) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`,
    () => undefined,
  );
  const cached = capabilityCache.get(repository);
  if (config && cached?.config === config) return cached.answer;
  const answer = await new Promise<Buffer>((resolve, reject) => {
    const child = uploadPack(["--advertise-refs", repository], env, null);
    const out: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`upload-pack exited ${code}`)),
    );
  });
  if (config) {
    capabilityCache.delete(repository); // re-inserted last: the oldest entry goes first
    capabilityCache.set(repository, { config, answer });
    if (capabilityCache.size > CAPABILITY_CACHE_SIZE) {
      capabilityCache.delete(capabilityCache.keys().next().value!);
    }
  }
  return answer;
}

/** The whole body, or undefined once it runs past `max` bytes (the rest is never read). */
async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  max: number,
): Promise<Buffer | undefined> {
  if (!body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, length);
    length += value.length;
    if (length > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
}

function inflateAtMost(gzipped: Buffer, max: number): Promise<Buffer | "too-large" | "corrupt"> {
  return new Promise((resolve) =>
    gunzip(gzipped, { maxOutputLength: max }, (error, inflated) =>
      resolve(error ? (error instanceof RangeError ? "too-large" : "corrupt") : inflated),
    ),
  );
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_CACHE },
  });
}
