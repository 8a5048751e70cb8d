import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { ApplyConflictError } from "../errors";
import { parseHgSeries, splitHgSeries } from "../hg-series";
import type { Changeset } from "../types";
import { hg, HgCommandError } from "./command";

/**
 * `hg import` onto the branch, all or nothing. Import needs a working copy, which the mirror
 * has not, and a failed import leaves its working copy half patched; so it runs in a
 * throwaway local clone (hardlinked, hence cheap) updated to the branch, and only a complete
 * result is pulled back into the mirror, in one transaction. Fuzz is off, as with `git am`:
 * a hunk applies where its context matches exactly or not at all. The changesets land on
 * `branch`; a `# Branch` line in the patch is ignored, as `hg import` does by default.
 */
export async function applySeries(
  dir: string,
  branch: string,
  text: string,
): Promise<{ revisions: string[] }> {
  const { changesets } = parseHgSeries(text);
  const temp = await mkdtemp(join(tmpdir(), "pubforge-hg-apply-"));
  try {
    // One file per changeset, so that hg says which of them failed ("applying 0002.patch").
    const files = await Promise.all(
      splitHgSeries(text).map(async (patch, i) => {
        const file = join(temp, `${String(i + 1).padStart(4, "0")}.patch`);
        await writeFile(file, patch);
        return file;
      }),
    );
    const work = join(temp, "work");
    await hg(["clone", "--updaterev", branch, "--", resolve(dir), work]);
    const tip = await hg(["log", "-R", work, "-r", ".", "-T", "{node}"]);
    try {
      await hg(["import", "-R", work, "--config", "patch.fuzz=0", "--", ...files]);
    } catch (error) {
      throw (error instanceof HgCommandError && conflictOf(error, changesets)) || error;
    }
    const log = await hg(["log", "-R", work, "-r", `only(., ${tip})`, "-T", "{node}\\n"]);
    const revisions = log.split("\n").filter((line) => line !== "");
    await hg(["pull", "-R", resolve(dir), "-r", revisions.at(-1)!, "--", work]);
    return { revisions };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

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
