import { PatchParseError, ScmError } from "./errors";
import type { CappedDiff } from "./types";
import { parseUnifiedDiff } from "./unified-diff";

/**
 * The files of a `diff --git` text that an SCM wrote, read with the same reader as patches.
 * When the text was cut at a size limit, the file diff the cut falls in is dropped whole: a
 * half file would look like a complete, smaller change.
 */
export function readCappedDiff(text: string, truncated: boolean): CappedDiff {
  const whole = truncated
    ? text.slice(0, Math.max(0, text.lastIndexOf("\ndiff --git ") + 1))
    : text;
  if (!/^diff --git /m.test(whole)) return { files: [], truncated };
  try {
    return { files: parseUnifiedDiff(whole), truncated };
  } catch (error) {
    if (!(error instanceof PatchParseError)) throw error;
    throw new ScmError(`the diff cannot be read: ${error.message}`, { cause: error });
  }
}
