/**
 * What changed in the code between two revisions of a merge request: revision A's result
 * against revision B's, per file, as a diff of the files themselves (not of the patch text).
 * It is the composition of undoing A's combined diff and doing B's; lines neither patch shows
 * stay unknown and out of the view, as in any diff.
 */
import { composeFileDiffs, type ComposedFile } from "@/lib/scm/compose-diffs";
import { reverseFileDiff } from "@/lib/scm/reverse-diff";
import type { FileDiff } from "@/lib/scm/types";
import type { ViewFile } from "./rows";

/** `changed`: both revisions touch the path; `dropped`: only A; `new`: only B. */
export type InterdiffChange = "changed" | "dropped" | "new";

export interface InterdiffFile extends ViewFile {
  readonly change: InterdiffChange;
}

const BADGES: Record<InterdiffChange, string> = {
  changed: "changed between revisions",
  dropped: "change dropped from the series",
  new: "change new in the series",
};

/**
 * The interdiff of revisions A and B, given each one's combined diff (base → tip), one entry
 * per path whose content differs between the two results, sorted by path. When A and B were
 * made against different bases, a file whose hunks do not line up is shown as A's change undone
 * and B's change done, badged so.
 */
export function interdiff(a: readonly FileDiff[], b: readonly FileDiff[]): InterdiffFile[] {
  const unchangedBinaries = new Set(
    b.filter((file) => file.binary && a.some((other) => sameDiff(file, other))).map(pathOf),
  );
  const undo = a.filter((file) => !unchangedBinaries.has(pathOf(file))).map(reverseFileDiff);
  const redo = b.filter((file) => !unchangedBinaries.has(pathOf(file)));
  return composeFileDiffs([undo, redo]).map(presented);
}

function presented(file: ComposedFile): InterdiffFile {
  const change: InterdiffChange =
    file.steps.length > 1 ? "changed" : file.steps[0] === 0 ? "dropped" : "new";
  const badge = file.uncombined
    ? `${file.steps[0] === 0 ? "revision A undone" : "revision B"}: the patches do not line up`
    : BADGES[change];
  return { ...file, change, badge };
}

function pathOf(file: FileDiff): string {
  return file.newPath;
}

function sameDiff(x: FileDiff, y: FileDiff): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}
