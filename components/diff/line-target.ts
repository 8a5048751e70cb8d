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
    keepInView(element, "start");
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
  keepInView(row, "center");
  return true;
}

/** How long a followed link's target is kept in view while the files around it load. */
const PIN_MS = 4000;

/**
 * Scrolls to `element`, and again whenever the diff around it changes height for a few
 * seconds: files near it loading above it would push it out of view. The reader's own
 * scrolling (wheel, touch, keys) ends that at once.
 */
function keepInView(element: Element, block: ScrollLogicalPosition) {
  element.scrollIntoView({ block });
  const area = element.closest("section") ?? document.body;
  const resized = new ResizeObserver(() => element.scrollIntoView({ block }));
  const stop = () => {
    resized.disconnect();
    for (const type of READER_SCROLLS) window.removeEventListener(type, stop);
  };
  resized.observe(area);
  for (const type of READER_SCROLLS) window.addEventListener(type, stop, { passive: true });
  window.setTimeout(stop, PIN_MS);
}

const READER_SCROLLS = ["wheel", "touchmove", "keydown", "mousedown"] as const;

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
