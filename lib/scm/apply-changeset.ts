import { createHash } from "node:crypto";
import { applyHunks } from "./apply-hunks";
import { ApplyConflictError } from "./errors";
import { applyBinaryChunk, BinaryPatchError } from "./git-binary";
import type { FileDiff } from "./types";

/** A file as a patch sees it: its mode and its bytes. */
export interface FileState {
  readonly mode: string;
  readonly data: Uint8Array;
}

/** The state of a path before the patch, undefined when there is no file there. */
export type FileReader = (path: string) => Promise<FileState | undefined>;

/** What one patch does to each path it touches; null deletes. */
export type FileChanges = Map<string, FileState | null>;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Applies one changeset's file diffs to the files `read` gives, as `git apply` does: every
 * diff reads the files as they were before the patch (so a patch may swap two names), and
 * nothing is returned unless all of them apply.
 */
export async function applyFileDiffs(
  files: readonly FileDiff[],
  read: FileReader,
): Promise<FileChanges> {
  const vacated = new Set(
    files
      .filter((file) => file.status === "deleted" || file.status === "renamed")
      .map((file) => file.oldPath),
  );
  const results = await Promise.all(files.map((file) => applyFileDiff(file, read, vacated)));
  const changes: FileChanges = new Map();
  for (const file of files) if (vacated.has(file.oldPath)) changes.set(file.oldPath, null);
  results.forEach((state, i) => {
    if (state) changes.set(files[i]!.newPath, state);
  });
  return changes;
}

async function applyFileDiff(
  file: FileDiff,
  read: FileReader,
  vacated: ReadonlySet<string>,
): Promise<FileState | undefined> {
  const source = file.status === "added" ? undefined : await read(file.oldPath);
  if (file.status !== "added" && !source) conflict(file.oldPath, "the file does not exist");
  if (file.status === "added" || file.status === "renamed" || file.status === "copied") {
    if (!vacated.has(file.newPath) && (await read(file.newPath)))
      conflict(file.newPath, "the file already exists");
  }
  const data = file.binary ? binaryContent(file, source) : textContent(file, source);
  if (file.status === "deleted") {
    if (data.length > 0) conflict(file.oldPath, "the file has content the patch does not delete");
    return undefined;
  }
  return { mode: file.newMode ?? source?.mode ?? "100644", data };
}

function textContent(file: FileDiff, source: FileState | undefined): Uint8Array {
  const before = source?.data ?? new Uint8Array();
  if (file.hunks.length === 0) return before;
  let text: string;
  try {
    text = utf8.decode(before);
  } catch {
    return conflict(file.oldPath, "the file is not UTF-8 text, and the patch changes it as text");
  }
  return new TextEncoder().encode(applyHunks(text, file.hunks, file.newPath));
}

function binaryContent(file: FileDiff, source: FileState | undefined): Uint8Array {
  if (file.status === "deleted") return new Uint8Array();
  if (!file.binaryPatch) {
    return conflict(
      file.newPath,
      "the patch says this binary file changed but not how (make it with --binary)",
    );
  }
  const before = source?.data ?? new Uint8Array();
  const expected = file.index?.oldId;
  if (source && expected && /^[0-9a-f]{40}$/.test(expected) && blobId(before) !== expected) {
    conflict(file.oldPath, "the binary file is not the one the patch was made against");
  }
  try {
    return applyBinaryChunk(file.binaryPatch.forward, before);
  } catch (error) {
    if (error instanceof BinaryPatchError) return conflict(file.newPath, error.message);
    throw error;
  }
}

/** Git's object id of a blob, to check a binary patch's preimage as `git apply` does. */
function blobId(data: Uint8Array): string {
  return createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
}

function conflict(file: string, reason: string): never {
  throw new ApplyConflictError({ file }, reason);
}
