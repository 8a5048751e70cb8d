import { diffLines } from "diff";

/** One row of a line diff between two revisions of a page, ready to show (as text). */
export type DiffRow =
  | { kind: "same"; text: string; oldLine: number; newLine: number }
  | { kind: "del"; text: string; oldLine: number }
  | { kind: "add"; text: string; newLine: number }
  /** Unchanged lines left out, far from any change. */
  | { kind: "skip"; count: number };

// Myers' diff slows down quadratically with the number of edits; past this many, a whole-page
// replacement is the better answer (and still a true one).
const MAX_EDIT_LENGTH = 5_000;

function linesOf(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** The changes turning `oldText` into `newText`, with `context` unchanged lines around each. */
export function lineDiff(oldText: string, newText: string, context = 3): DiffRow[] {
  const changes = diffLines(oldText, newText, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
    { value: oldText, removed: true, added: false, count: 0 },
    { value: newText, removed: false, added: true, count: 0 },
  ];
  const rows: DiffRow[] = [];
  let [oldLine, newLine] = [1, 1];
  for (const change of changes) {
    for (const text of linesOf(change.value)) {
      if (change.added) rows.push({ kind: "add", text, newLine: newLine++ });
      else if (change.removed) rows.push({ kind: "del", text, oldLine: oldLine++ });
      else rows.push({ kind: "same", text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return collapse(rows, context);
}

/** Folds runs of unchanged lines that are more than `context` lines from a change. */
function collapse(rows: DiffRow[], context: number): DiffRow[] {
  const changed = rows.map((row) => row.kind !== "same");
  const near = rows.map((_, index) => {
    for (let d = -context; d <= context; d++) if (changed[index + d]) return true;
    return false;
  });
  const out: DiffRow[] = [];
  for (let index = 0; index < rows.length; index++) {
    if (near[index]) {
      out.push(rows[index]!);
      continue;
    }
    const last = out.at(-1);
    if (last?.kind === "skip") last.count++;
    else out.push({ kind: "skip", count: 1 });
  }
  return out;
}

export function diffStats(rows: DiffRow[]): { added: number; removed: number } {
  return {
    added: rows.filter((row) => row.kind === "add").length,
    removed: rows.filter((row) => row.kind === "del").length,
  };
}
