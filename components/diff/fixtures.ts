/** Builders for the tests: hunks written as patch lines, numbered like a parser would. */
import type { FileDiff, Hunk, HunkLine } from "@/lib/scm/types";

/** `lines` as in a patch: ` ctx`, `-old`, `+new`, `\ No newline at end of file`. */
export function hunk(oldStart: number, newStart: number, lines: string[], section?: string): Hunk {
  let oldLine = oldStart;
  let newLine = newStart;
  const parsed = lines.map((raw): HunkLine => {
    const text = raw.slice(1);
    if (raw.startsWith("+")) return { kind: "add", text, newLine: newLine++ };
    if (raw.startsWith("-")) return { kind: "del", text, oldLine: oldLine++ };
    if (raw.startsWith("\\")) return { kind: "noeol", text: text.trim() };
    return { kind: "context", text, oldLine: oldLine++, newLine: newLine++ };
  });
  const oldLines = parsed.filter((line) => line.kind !== "add" && line.kind !== "noeol").length;
  const newLines = parsed.filter((line) => line.kind !== "del" && line.kind !== "noeol").length;
  return {
    header: `@@ -${oldStart},${oldLines} +${newStart},${newLines} @@${section ? ` ${section}` : ""}`,
    oldStart,
    oldLines,
    newStart,
    newLines,
    section,
    lines: parsed,
  };
}

export function file(path: string, hunks: Hunk[], extra: Partial<FileDiff> = {}): FileDiff {
  return {
    oldPath: path,
    newPath: path,
    status: "modified",
    binary: false,
    hunks,
    ...extra,
  };
}
