/**
 * Links to a line of a diff, `#<file id>-new12` or `#<file id>-old3`: no line carries an id
 * (a 10,000-line diff would repeat one on every row), so the row is found from its file's table
 * when the link is followed, or once a file loaded later arrives. Browser-only.
 */

const LINE_TARGET = /^(.+)-(old|new)([1-9][0-9]*)$/;

/** Reveals the element or diff line `hash` names; false when it is not (yet) in the page. */
export function revealTarget(hash: string): boolean {
  if (!hash) return false;
  const element = document.getElementById(hash);
  if (element) {
    openAround(element);
    element.scrollIntoView();
    return true;
  }
  const match = LINE_TARGET.exec(hash);
  const file = match && document.getElementById(match[1]!);
  const table = file?.querySelector<HTMLTableElement>("table.diff-table");
  const row = table && findLineRow(table, match![2] as "old" | "new", Number(match![3]));
  if (!row) return false;
  openAround(row);
  for (const old of document.querySelectorAll(".diff-target")) old.classList.remove("diff-target");
  row.classList.add("diff-target");
  row.scrollIntoView({ block: "center" });
  return true;
}

/** The hash of the page's address, decoded, without `#`. */
export function currentHash(): string {
  try {
    return decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return "";
  }
}

/**
 * The row showing `line` of one side: line numbers sit in the first column (old) and in the
 * second (unified) or fourth (split) column (new); a side with no line is one cell spanning 3.
 */
export function findLineRow(
  table: HTMLTableElement,
  side: "old" | "new",
  line: number,
): HTMLTableRowElement | undefined {
  const column = side === "old" ? 0 : table.classList.contains("diff-split") ? 3 : 1;
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let at = 0;
      for (const cell of row.cells) {
        if (at === column) {
          // The number is the cell's last text; a comment button may come before it.
          if (cell.classList.contains("dn") && Number(cell.lastChild?.textContent) === line) {
            return row;
          }
          break;
        }
        at += cell.colSpan;
      }
    }
  }
  return undefined;
}

function openAround(element: Element) {
  const details = element.closest("details");
  if (details && !details.open) details.open = true;
}
