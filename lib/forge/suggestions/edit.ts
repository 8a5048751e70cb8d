import { ForgeError } from "@/lib/forge/errors";

/** One suggestion to apply: lines `from`..`to` (1-based, inclusive) of a file become `lines`. */
export interface LineReplacement {
  readonly from: number;
  readonly to: number;
  /** What the lines were when the suggestion was made; the file must still say this. */
  readonly expected: readonly string[];
  readonly lines: readonly string[];
  /** Who made it, for the messages. */
  readonly by: string;
}

/**
 * The file's text with every replacement made, or a ForgeError: two that overlap (each would
 * undo part of the other), or one whose lines are no longer what it was made on (the file
 * changed under it since). The file's final line break, or its absence, is kept.
 */
export function replaceLines(
  path: string,
  text: string,
  replacements: readonly LineReplacement[],
): string {
  const sorted = [...replacements].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.from <= sorted[i - 1]!.to) {
      throw new ForgeError("suggestions-overlap", {
        file: path,
        line: sorted[i]!.from,
        by: [sorted[i - 1]!.by, sorted[i]!.by],
      });
    }
  }
  const endsWithBreak = text.endsWith("\n");
  const lines = (endsWithBreak ? text.slice(0, -1) : text).split("\n");
  for (const { from, to, expected, by } of sorted) {
    const current = lines.slice(from - 1, to);
    const same =
      to <= lines.length &&
      current.length === expected.length &&
      current.every((line, i) => line === expected[i]);
    if (!same) throw new ForgeError("suggestion-outdated", { file: path, from, to, by });
  }
  // From the bottom up, so that earlier line numbers still hold.
  for (const { from, to, lines: replacement } of sorted.reverse()) {
    lines.splice(from - 1, to - from + 1, ...replacement);
  }
  const joined = lines.join("\n");
  return endsWithBreak ? `${joined}\n` : joined;
}
