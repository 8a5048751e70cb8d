/**
 * What changed between two revisions of a merge request's series. Without the full files the
 * resulting trees cannot be compared, so this is a "diff of diffs" (like `git range-diff`):
 * for each path, the patch text each revision carries for it, diffed line by line. A line of
 * the result is a patch line (`+foo`, `-bar`, ` baz`) that one revision has and the other not.
 */
import { structuredPatch } from "diff";
import type { FileDiff, Hunk, HunkLine } from "@/lib/scm/types";
import { displayPath, type ViewFile } from "./rows";

export type InterdiffChange = "changed" | "dropped" | "new";

export interface InterdiffFile extends ViewFile {
  /** `dropped`: only revision A touched the path; `new`: only revision B does. */
  readonly change: InterdiffChange;
}

const PRESENTATION: Record<InterdiffChange, Pick<FileDiff, "status"> & { badge: string }> = {
  changed: { status: "modified", badge: "changed between revisions" },
  dropped: { status: "deleted", badge: "dropped from the series" },
  new: { status: "added", badge: "new in the series" },
};

/**
 * The interdiff of revisions A and B, one entry per path whose patch differs, sorted by path.
 * Pass each revision's files in series order (e.g. `changesets.flatMap((c) => c.files)`); a
 * path touched by several changesets is compared as the concatenation of its patches.
 */
export function interdiff(
  a: readonly FileDiff[],
  b: readonly FileDiff[],
  { context = 3 }: { context?: number } = {},
): InterdiffFile[] {
  const before = patchTextByPath(a);
  const after = patchTextByPath(b);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) =>
    x < y ? -1 : x > y ? 1 : 0,
  );
  const files: InterdiffFile[] = [];
  for (const path of paths) {
    const old = before.get(path);
    const now = after.get(path);
    if (old === now) continue;
    const change: InterdiffChange =
      old === undefined ? "new" : now === undefined ? "dropped" : "changed";
    const patch = structuredPatch(path, path, old ?? "", now ?? "", undefined, undefined, {
      context,
    });
    files.push({
      oldPath: path,
      newPath: path,
      binary: false,
      language: "diff",
      change,
      ...PRESENTATION[change],
      hunks: patch.hunks.map(toHunk),
    });
  }
  return files;
}

function patchTextByPath(files: readonly FileDiff[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of files) {
    const path = displayPath(file);
    texts.set(path, (texts.get(path) ?? "") + filePatchText(file));
  }
  return texts;
}

/**
 * A file's patch as the interdiff compares it, newline-terminated. Hunk headers keep only their
 * section, not their line numbers: a change earlier in the file shifts every later hunk, and
 * the reviewer wants to see what the changes say, not that they moved. Binary patches are
 * reduced to a fingerprint, as their base85 lines mean nothing to a reader.
 */
export function filePatchText(file: FileDiff): string {
  const lines: string[] = [];
  if (file.status === "renamed" || file.status === "copied") {
    const verb = file.status === "renamed" ? "rename" : "copy";
    lines.push(`${verb} from ${file.oldPath}`, `${verb} to ${file.newPath}`);
  }
  if (file.status === "added") lines.push(`new file mode ${file.newMode ?? ""}`.trimEnd());
  else if (file.status === "deleted") {
    lines.push(`deleted file mode ${file.oldMode ?? ""}`.trimEnd());
  } else if (file.oldMode && file.newMode && file.oldMode !== file.newMode) {
    lines.push(`old mode ${file.oldMode}`, `new mode ${file.newMode}`);
  }
  if (file.binary) lines.push(binarySummary(file));
  for (const hunk of file.hunks) {
    lines.push(hunk.section?.trim() ? `@@ ${hunk.section.trim()}` : "@@");
    for (const line of hunk.lines) lines.push(patchLine(line));
  }
  return lines.map((line) => `${line}\n`).join("");
}

const MARKS: Record<HunkLine["kind"], string> = { context: " ", add: "+", del: "-", noeol: "\\ " };

function patchLine(line: HunkLine): string {
  return MARKS[line.kind] + line.text;
}

function binarySummary(file: FileDiff): string {
  const forward = file.binaryPatch?.forward;
  if (forward) {
    return `binary ${forward.method} ${forward.size} bytes, ${fingerprint(forward.lines.join("\n"))}`;
  }
  return file.index ? `binary ${file.index.oldId}..${file.index.newId}` : "binary";
}

/** FNV-1a, enough to tell two binary patches apart in a listing. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

interface PatchHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly string[];
}

function toHunk(hunk: PatchHunk): Hunk {
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  const lines = hunk.lines.map((raw): HunkLine => {
    const text = raw.slice(1);
    switch (raw[0]) {
      case "+":
        return { kind: "add", text, newLine: newLine++ };
      case "-":
        return { kind: "del", text, oldLine: oldLine++ };
      case "\\":
        return { kind: "noeol", text: text.trimStart() };
      default:
        return { kind: "context", text, oldLine: oldLine++, newLine: newLine++ };
    }
  });
  // Unified diff numbers an empty side from 0; jsdiff reports where it would start instead.
  const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
  const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
  return {
    header: `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`,
    oldStart,
    oldLines: hunk.oldLines,
    newStart,
    newLines: hunk.newLines,
    lines,
  };
}
