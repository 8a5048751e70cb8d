import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { encodePktLine } from "./pkt-line";

/**
 * Protocol v2's `ls-refs` answers, kept per repository while its refs stay as they were: a
 * clone asks the same question each time (its request body, the key), and Git's answer can only
 * change when a ref file, `packed-refs`, `HEAD` or the config does. Git itself trusts the same
 * stat data to know whether its `packed-refs` cache is stale (stat_validity_check).
 */
const answers = new Map<string, { state: string; byRequest: Map<string, Buffer> }>();
const REPOSITORIES = 64;
const REQUESTS_PER_REPOSITORY = 4;
/** Larger answers (a thousand refs or more) are asked of Git each time: at most 16 MB kept. */
export const MAX_CACHED_LS_REFS_BYTES = 64 * 1024;

const LS_REFS_COMMAND = encodePktLine("command=ls-refs\n");

/** Whether a protocol v2 request body asks for the refs (and not for a pack). */
export function isLsRefs(body: Buffer): boolean {
  return body.subarray(0, LS_REFS_COMMAND.length).equals(LS_REFS_COMMAND);
}

/**
 * Where the refs of `repository` stand, as the file system tells: every file under `refs/`,
 * `packed-refs`, `HEAD` and `config`, each by inode, size and times (a ref moves by renaming a
 * new file into place, so even an update within one clock tick gets a new inode), and each
 * directory under `refs/` by its times (refs added or removed). Undefined when the refs are
 * not plain files (reftable) or cannot be read: then nothing is cached.
 */
export async function refsState(repository: string): Promise<string | undefined> {
  try {
    if (await stat(join(repository, "reftable")).catch(() => undefined)) return undefined;
    const entries: Dirent[] = await readdir(join(repository, "refs"), {
      recursive: true,
      withFileTypes: true,
    });
    const below = entries.map((entry) => join(entry.parentPath, entry.name)).sort();
    const files = ["HEAD", "packed-refs", "config", "refs"].map((name) => join(repository, name));
    const parts = await Promise.all(
      [...files, ...below].map((file) =>
        stat(file, { bigint: true }).then(
          (s) => `${file} ${s.ino} ${s.size} ${s.mtimeNs} ${s.ctimeNs}`,
          () => `${file} -`,
        ),
      ),
    );
    return parts.join("\n");
  } catch {
    return undefined;
  }
}

export function cachedLsRefs(repository: string, state: string, request: Buffer) {
  const entry = answers.get(repository);
  return entry?.state === state ? entry.byRequest.get(request.toString("base64")) : undefined;
}

/** Keeps Git's answer, when the refs were the same before and after Git read them. */
export function keepLsRefs(repository: string, state: string, request: Buffer, answer: Buffer) {
  if (answer.length > MAX_CACHED_LS_REFS_BYTES) return;
  let entry = answers.get(repository);
  if (entry?.state !== state) entry = { state, byRequest: new Map() };
  answers.delete(repository); // re-inserted last: the least recently kept goes first
  answers.set(repository, entry);
  if (answers.size > REPOSITORIES) answers.delete(answers.keys().next().value!);
  entry.byRequest.set(request.toString("base64"), answer);
  if (entry.byRequest.size > REQUESTS_PER_REPOSITORY) {
    entry.byRequest.delete(entry.byRequest.keys().next().value!);
  }
}
