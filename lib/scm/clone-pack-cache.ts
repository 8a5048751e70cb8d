import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { outputStream } from "./cgi";
import { refsState } from "./ls-refs-cache";

/**
 * Answers to protocol v2 fetches that send no `have` line (a clone, or a fetch into an empty
 * repository), kept as files, as GitLab's Gitaly keeps pack-objects answers: every clone of an
 * unchanged repository otherwise makes `git upload-pack` and `pack-objects` redo the same work.
 *
 * Why a kept answer is a right answer: with no `have`, nothing of the client's own history
 * enters the negotiation, so what Git answers follows from the request (wants, `want-ref`,
 * shallow and filter arguments, capabilities: the body as Git got it, inflated), the
 * repository's objects (named by their content, immutable) and its refs (which a `want-ref`
 * answer names and `include-tag` follows), the repository's config (pack settings, what it
 * allows) and the server's settings (the environment, with `GIT_PROTOCOL`). All of them are in
 * the key: the refs and config as `refsState` tells them, taken before Git runs and again
 * after it exits, the answer kept only when both agree (as ls-refs-cache.ts keeps ls-refs
 * answers). A repack or gc rewrites packs, never the objects a ref reaches. A kept answer
 * replays the progress lines of the Git run that wrote it.
 *
 * Where: a directory inside the bare repository (Git ignores directories it does not know;
 * deleting the repository deletes its answers; the answers of a private repository stay with
 * it). Nothing in Pubforge walks a repository's directory: mirroring copies `objects/` and
 * refs, and only the smart protocol's three paths are served (not the dumb protocol's files).
 * A kept answer is read only for a request to the same repository (its path is in the key
 * too), after the same access check as a live fetch (the caller's).
 *
 * Bounds: answers up to 256 MB (a larger one streams to the client, not to disk); at most
 * four per repository (a client sending many different bodies only evicts), those of older
 * refs states deleted when a new one is kept; nothing is held in memory but Git's output on
 * its way to the client and the file, as a live fetch holds it.
 */
export const CLONE_CACHE_DIR = "pubforge-clone-cache";
const MAX_CLONE_ANSWER_BYTES = 256 * 1024 * 1024;
const ANSWERS_PER_REPOSITORY = 4;
const TEMP_PREFIX = "tmp-";
const READ_CHUNK_BYTES = 1024 * 1024;
/** A temporary file this old was left by a process that died while writing it. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** One answer's place: in its repository's cache, under its key. */
export interface CloneAnswerEntry {
  readonly repository: string;
  readonly state: string;
  readonly dir: string;
  readonly file: string;
}

const FETCH_COMMAND = "command=fetch";
const HAVE = Buffer.from("have ", "latin1");

/**
 * Whether a protocol v2 body is a `command=fetch` with no `have` line, read packet by packet
 * once (flush, delimiter and response-end packets included). Anything that is not pkt-lines
 * to its last byte is not: Git answers it as before.
 */
export function isFetchFromNothing(body: Buffer): boolean {
  let offset = 0;
  let first = true;
  while (offset < body.length) {
    if (offset + 4 > body.length) return false;
    const header = body.toString("latin1", offset, offset + 4);
    if (!/^[0-9a-f]{4}$/.test(header)) return false;
    const length = Number.parseInt(header, 16);
    if (length < 4) {
      if (first) return false;
      offset += 4;
      continue;
    }
    if (offset + length > body.length) return false;
    const payload = body.subarray(offset + 4, offset + length);
    if (first) {
      const command = payload.toString("latin1");
      if (command !== FETCH_COMMAND && command !== `${FETCH_COMMAND}\n`) return false;
      first = false;
    } else if (payload.subarray(0, HAVE.length).equals(HAVE)) return false;
    offset += length;
  }
  return !first;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The place of the answer to `body` for `repository` as its refs stand now, from Git run
 * with `env`; undefined when the refs cannot be read as files (then nothing is cached).
 */
export async function cloneAnswerEntry(
  repository: string,
  env: Record<string, string>,
  body: Buffer,
): Promise<CloneAnswerEntry | undefined> {
  const state = await refsState(repository);
  if (!state) return undefined;
  const settings = Object.entries(env).sort(([a], [b]) => (a < b ? -1 : 1));
  const key = sha256(JSON.stringify([repository, state, settings, body.toString("base64")]));
  const dir = join(repository, CLONE_CACHE_DIR);
  return { repository, state, dir, file: join(dir, `${stateName(state)}-${key}`) };
}

/** Entries are named after their refs state first, so those of older states can be found. */
const stateName = (state: string) => sha256(state).slice(0, 16);

/**
 * The kept answer, or undefined. The file is opened before anything is read: an entry deleted
 * meanwhile (a newer state kept) is still read whole, and entries are never written in place.
 */
export async function keptAnswer(
  entry: CloneAnswerEntry,
): Promise<ReadableStream<Uint8Array> | undefined> {
  const handle = await open(entry.file, "r").catch(() => undefined);
  if (!handle) return undefined;
  // Read in megabytes, not the default 64 KB: a 1 MB pack then reaches the client in 15 ms
  // rather than 30 (measured), at most a megabyte held per clone.
  const file = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES });
  return Readable.toWeb(file) as ReadableStream<Uint8Array>;
}

/** Entries being written by this process: one writer per entry. */
const writing = new Set<string>();

/**
 * Makes ready to keep Git's answer for `entry`: undefined when another request is writing it
 * already, or its directory cannot be made (the answer then only streams).
 */
export async function startKeeping(entry: CloneAnswerEntry): Promise<CloneAnswerEntry | undefined> {
  if (writing.has(entry.file)) return undefined;
  writing.add(entry.file);
  try {
    await mkdir(entry.dir, { recursive: true });
    return entry;
  } catch {
    writing.delete(entry.file);
    return undefined;
  }
}

/**
 * Git's answer, streamed to the client as it comes (cgi.ts's outputStream: a client going away
 * ends Git) and written to a temporary file, renamed into place once Git exited 0 with the refs
 * as they were; an answer past the size cap, a failed or ended Git (a client that went away
 * included) or moved refs leave no entry.
 */
export function answerAndKeep(
  child: ChildProcessWithoutNullStreams,
  entry: CloneAnswerEntry,
  maxBytes = MAX_CLONE_ANSWER_BYTES,
): ReadableStream<Uint8Array> {
  const temp = join(entry.dir, `${TEMP_PREFIX}${randomUUID()}`);
  const file: WriteStream = createWriteStream(temp, { flags: "wx" });
  let size = 0;
  // Once the whole answer is on disk, nothing the client does can make the entry partial.
  let phase: "writing" | "written" | "abandoned" = "writing";
  const abandon = () => {
    if (phase !== "writing") return;
    phase = "abandoned";
    file.destroy();
    void rm(temp, { force: true }).finally(() => writing.delete(entry.file));
  };
  file.on("error", abandon);
  child.stdout.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) abandon();
    else if (phase === "writing") file.write(chunk);
  });
  child.on("error", abandon);
  child.on("close", (code) => {
    if (code !== 0 || phase !== "writing") return abandon();
    file.end((error?: Error | null) => {
      if (error || phase !== "writing") return abandon();
      phase = "written";
      void keep(entry, temp).finally(() => writing.delete(entry.file));
    });
  });
  return outputStream(child);
}

/** Renames the written answer into place if the refs did not move while Git ran. */
async function keep(entry: CloneAnswerEntry, temp: string): Promise<void> {
  if ((await refsState(entry.repository)) !== entry.state) {
    await rm(temp, { force: true });
    return;
  }
  await rename(temp, entry.file).catch(() => rm(temp, { force: true }));
  await prune(entry).catch(() => {});
}

/**
 * Deletes what no request will read again: entries of other refs states, the oldest entries
 * past the per-repository count, and temporary files left by a process that died.
 */
async function prune(entry: CloneAnswerEntry): Promise<void> {
  const current = `${stateName(entry.state)}-`;
  const kept: { path: string; mtime: number }[] = [];
  for (const name of await readdir(entry.dir)) {
    const path = join(entry.dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (name.startsWith(current)) kept.push({ path, mtime: info.mtimeMs });
    else if (!name.startsWith(TEMP_PREFIX) || Date.now() - info.mtimeMs > STALE_TEMP_MS) {
      await rm(path, { force: true });
    }
  }
  kept.sort((a, b) => b.mtime - a.mtime);
  for (const { path } of kept.slice(ANSWERS_PER_REPOSITORY)) await rm(path, { force: true });
}
