import { basename } from "node:path";
import { ApplyConflictError } from "../errors";
import type { Changeset } from "../types";
import { HgCommandError } from "./command";

/** hg's account of a failed hunk, told as Pubforge's conflict error. */
export function conflictOf(
  error: HgCommandError,
  changesets: readonly Changeset[],
): ApplyConflictError | undefined {
  const applying = [...error.stdout.matchAll(/^applying (.+)$/gm)].at(-1)?.[1];
  const index = applying === undefined ? 0 : Number.parseInt(basename(applying), 10) - 1;
  const changeset = changesets[index];
  const output = `${error.stdout}\n${error.stderr}`;
  const failedHunk =
    /^patching file (.+)\n(?:(?!patching file ).*\n)*?Hunk #(\d+) FAILED at \d+/m.exec(output);
  const exists = /^file (.+) already exists$/m.exec(output);
  const missing = /^unable to find '(.+)' for patching$/m.exec(output);
  const file = failedHunk?.[1] ?? exists?.[1] ?? missing?.[1];
  if (!changeset || file === undefined) return undefined;
  const place = {
    index: index + 1,
    count: changesets.length,
    id: changeset.id,
    subject: changeset.message.split("\n")[0]!,
  };
  const hunkIndex = Number(failedHunk?.[2] ?? 1);
  const header = changeset.files.find((diff) => diff.newPath === file || diff.oldPath === file)
    ?.hunks[hunkIndex - 1]?.header;
  const reason = failedHunk
    ? "its context does not match the file (hg import, no fuzz)"
    : exists
      ? "the file already exists"
      : "the file does not exist";
  return new ApplyConflictError(
    {
      file,
      ...(failedHunk && header !== undefined && { hunk: { index: hunkIndex, header } }),
      changeset: place,
    },
    reason,
  );
}
