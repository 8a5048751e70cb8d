import { resolve } from "node:path";
import { isBinary } from "../binary-content";
import { checkRepoPath, checkRevision } from "../browse-input";
import type { FileBlob, ReadLimit } from "../types";
import { hgBytes, revsetString } from "./command";
import { filesIn } from "./tree";

/** A file's size and flags from `hg files`, its bytes from `hg cat` if small enough. */
export async function readFile(
  dir: string,
  rev: string,
  path: string,
  { maxBytes }: ReadLimit,
): Promise<FileBlob | undefined> {
  if (checkRepoPath(path) === "") return undefined;
  const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  const entry = (await filesIn(dir, rev, parent)).find((file) => file.path === path);
  if (!entry || (entry.kind !== "file" && entry.kind !== "symlink")) return undefined;
  const size = entry.size ?? 0;
  const file = { path, kind: entry.kind, executable: entry.executable, size };
  if (size > maxBytes) return { ...file, binary: false };
  const revision = revsetString(checkRevision(rev));
  const bytes = new Uint8Array(
    await hgBytes(["cat", "-R", resolve(dir), "-r", revision, "--", `path:${path}`]),
  );
  return { ...file, bytes, binary: isBinary(bytes) };
}
