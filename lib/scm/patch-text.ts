import { PatchParseError } from "./errors";

/** Patches come from strangers: larger text is refused before any parsing work is done. */
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

/** Why a text is no patch at all, before looking for one; undefined if it may be one. */
export function notText(text: string): string | undefined {
  if (text.trim() === "") return "the patch is empty";
  if (text.includes("\0")) return "this is binary data, not a text patch";
  if (/^\s*<(!doctype|html|\?xml)/i.test(text))
    return "this is an HTML or XML document, not a patch";
  return undefined;
}

/** A line short enough to quote in an error message. */
export function clip(line: string): string {
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
