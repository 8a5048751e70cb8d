import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ScmError } from "../errors";
import { parseHgSeries, splitHgSeries } from "../hg-series";
import type { Changeset } from "../types";
import { hg, HgCommandError, revsetString } from "./command";
import { conflictOf } from "./import-conflict";

/** A throwaway working copy of a project's repository, with a revision's patches beside it. */
export interface Scratch {
  /** The project's repository. */
  readonly repository: string;
  /** The working copy: a hardlinked clone, cheap, thrown away afterwards. */
  readonly work: string;
  readonly targetTip: string;
  readonly changesets: readonly Changeset[];
  /** One file per changeset, so that hg says which of them failed. */
  readonly patches: readonly string[];
}

/**
 * Runs `work` in a scratch clone of `dir` updated to `branch`: a merge in Mercurial needs a
 * working directory, which the served repository has not, and a failed one leaves its
 * working directory half done. Nothing reaches `dir` unless `work` pulls it back.
 */
export async function withScratch<T>(
  dir: string,
  branch: string,
  series: string,
  work: (scratch: Scratch) => Promise<T>,
): Promise<T> {
  const { changesets } = parseHgSeries(series);
  const temp = await mkdtemp(join(tmpdir(), "pubforge-hg-merge-"));
  try {
    const patches = await Promise.all(
      splitHgSeries(series).map(async (patch, i) => {
        const file = join(temp, `${String(i + 1).padStart(4, "0")}.patch`);
        await writeFile(file, patch);
        return file;
      }),
    );
    const repository = resolve(dir);
    const targetTip = await nodeOf(repository, revsetString(branch));
    if (!targetTip) throw new ScmError(`there is no branch “${branch}”`);
    const scratch = join(temp, "work");
    await hg(["clone", "--updaterev", targetTip, "--", repository, scratch]);
    return await work({ repository, work: scratch, targetTip, changesets, patches });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The changeset a revset names, or undefined when it names none. */
export async function nodeOf(repository: string, revset: string): Promise<string | undefined> {
  const nodes = await hg(["log", "-R", repository, "-r", revset, "-T", "{node}\\n"]).catch(
    (error) => {
      if (error instanceof HgCommandError) return "";
      throw error;
    },
  );
  return nodes.split("\n").filter(Boolean).at(-1);
}

/**
 * The revision's own changesets, ids kept (`hg import --exact`), when the repository has the
 * parent they were made on; undefined when it has not, or the patches do not give back the
 * same ids. Leaves the working copy at the last one.
 */
export async function importExact(scratch: Scratch): Promise<string | undefined> {
  const parent = scratch.changesets[0]?.parents[0];
  if (!parent || !/^[0-9a-f]{40}$/.test(parent)) return undefined;
  if (!(await nodeOf(scratch.work, parent))) return undefined;
  try {
    await hg(["import", "-R", scratch.work, "--exact", "--", ...scratch.patches]);
  } catch (error) {
    if (error instanceof HgCommandError) return undefined;
    throw error;
  }
  return nodeOf(scratch.work, ".");
}

/**
 * The series applied onto the target's tip, committed or, for a squash, not. Fuzz is off, as
 * with `git am`: a hunk applies where its context matches exactly or not at all; a `# Branch`
 * line is ignored, as `hg import` does by default.
 */
export async function importOntoTip(
  scratch: Scratch,
  { commit }: { commit: boolean },
): Promise<void> {
  await hg(["update", "-R", scratch.work, "--clean", "-r", scratch.targetTip]);
  try {
    await hg([
      "import",
      "-R",
      scratch.work,
      "--config",
      "patch.fuzz=0",
      ...(commit ? [] : ["--no-commit"]),
      "--",
      ...scratch.patches,
    ]);
  } catch (error) {
    throw (error instanceof HgCommandError && conflictOf(error, scratch.changesets)) || error;
  }
}

/** Merges `head` into the target's tip in the working copy; the files left unresolved. */
export async function mergeInto(scratch: Scratch, head: string): Promise<string[]> {
  await hg(["update", "-R", scratch.work, "--clean", "-r", scratch.targetTip]);
  try {
    await hg(["merge", "-R", scratch.work, "--tool", ":fail", "-r", head]);
    return [];
  } catch (error) {
    if (!(error instanceof HgCommandError)) throw error;
    const listed = JSON.parse(
      await hg(["resolve", "-R", scratch.work, "--list", "-T", "json"]),
    ) as { mergestatus: string; path: string }[];
    const files = listed.filter((file) => file.mergestatus === "U").map((file) => file.path);
    if (files.length === 0) throw error;
    return files;
  }
}
