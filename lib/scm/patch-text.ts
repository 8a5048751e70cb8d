import { PatchParseError } from "./errors";

/** DESIGN §6 limits patch size: larger text is refused before any parsing work is done. */
export const MAX_PATCH_BYTES = 20 * 1024 * 1024;

/**
 * The lines of a patch, after checking its size. A final newline ends the last line rather
 * than starting an empty one; `\r` stays part of a line, as it is part of the file's content.
 */
export function patchLines(text: string): string[] {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_PATCH_BYTES) {
    throw new PatchParseError(
      `patch is ${megabytes(bytes)} MB, more than the ${megabytes(MAX_PATCH_BYTES)} MB Pubforge accepts`,
    );
  }
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
}

/** The first line at or after `from` that passes `test`, or `lines.length`. */
export function findLine(
  lines: readonly string[],
  from: number,
  test: (line: string, index: number) => boolean,
): number {
  let i = from;
  while (i < lines.length && !test(lines[i]!, i)) i++;
  return i;
}

export function skipBlankLines(lines: readonly string[], from: number): number {
  return findLine(lines, from, (line) => line.trim() !== "");
}

export function trimBlankLines(lines: readonly string[]): string[] {
  const start = lines.findIndex((line) => line.trim() !== "");
  if (start < 0) return [];
  const end = lines.findLastIndex((line) => line.trim() !== "");
  return lines.slice(start, end + 1);
}
