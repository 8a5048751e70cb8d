import { quotePath } from "./diff-paths";
import { hunkHeader } from "./text-diff";
import type { BinaryChunk, FileDiff, Hunk } from "./types";

/** Writes file diffs as `git diff --binary` does, which is what `git apply` and `hg import` read. */
export function formatFileDiffs(files: readonly FileDiff[]): string {
  return files.map(formatFileDiff).join("");
}

function formatFileDiff(file: FileDiff): string {
  const out = [`diff --git ${side("a", file.oldPath)} ${side("b", file.newPath)}`];
  if (file.status === "added") out.push(`new file mode ${file.newMode ?? "100644"}`);
  else if (file.status === "deleted") out.push(`deleted file mode ${file.oldMode ?? "100644"}`);
  else if (file.oldMode && file.newMode && file.oldMode !== file.newMode) {
    out.push(`old mode ${file.oldMode}`, `new mode ${file.newMode}`);
  }
  if (file.status === "renamed" || file.status === "copied") {
    const verb = file.status === "renamed" ? "rename" : "copy";
    if (file.similarity !== undefined) out.push(`similarity index ${file.similarity}%`);
    out.push(`${verb} from ${quotePath(file.oldPath)}`, `${verb} to ${quotePath(file.newPath)}`);
  }
  const changesContent = file.hunks.length > 0 || file.binary;
  if (file.index && changesContent) {
    const sameMode =
      file.status !== "added" && file.status !== "deleted" && file.oldMode === file.newMode;
    out.push(
      `index ${file.index.oldId}..${file.index.newId}${sameMode && file.newMode ? ` ${file.newMode}` : ""}`,
    );
  }
  if (file.binaryPatch) {
    out.push("GIT binary patch", ...formatChunk(file.binaryPatch.forward));
    if (file.binaryPatch.reverse) out.push(...formatChunk(file.binaryPatch.reverse));
  } else if (file.binary) {
    out.push(`Binary files ${fileName("a", file, "old")} and ${fileName("b", file, "new")} differ`);
  } else if (file.hunks.length > 0) {
    out.push(`--- ${fileName("a", file, "old")}`, `+++ ${fileName("b", file, "new")}`);
    for (const hunk of file.hunks) out.push(...formatHunk(hunk));
  }
  return out.map((line) => `${line}\n`).join("");
}

function side(prefix: string, path: string): string {
  return quotePath(`${prefix}/${path}`);
}

function fileName(prefix: string, file: FileDiff, which: "old" | "new"): string {
  if (which === "old" && file.status === "added") return "/dev/null";
  if (which === "new" && file.status === "deleted") return "/dev/null";
  return side(prefix, which === "old" ? file.oldPath : file.newPath);
}

function formatChunk(chunk: BinaryChunk): string[] {
  return [`${chunk.method} ${chunk.size}`, ...chunk.lines, ""];
}

function formatHunk(hunk: Hunk): string[] {
  const signs = { context: " ", add: "+", del: "-", noeol: "\\ " } as const;
  return [hunkHeader(hunk), ...hunk.lines.map((line) => signs[line.kind] + line.text)];
}
