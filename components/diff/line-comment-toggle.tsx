"use client";

import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import { createPortal } from "react-dom";
import { COMMENT_POSTED_EVENT } from "@/components/forge/comment-form";

/** An opened comment form: the row the toggle inserted under its line, and which form it shows. */
interface Slot {
  /** The `data-comment-slot` of the button: unique per line and file section. */
  readonly id: string;
  /** The anchor key naming the form in `forms`. */
  readonly key: string;
  readonly cell: HTMLTableCellElement;
}

const BUTTON = "button[data-comment-slot]";

/**
 * The one client component of a diff with inline comments. Lines are server-rendered HTML with
 * plain `<button data-comment-slot>`s; one delegated click handler here opens a form row under
 * the clicked line and portals the page's form into it. Forms exist in the DOM only once opened:
 * a 10,000-line diff gets no 10,000 hydrated forms, and a label like "Comment on line 3" matches
 * only the form the reviewer opened. Closing hides the row, so a draft survives reopening; a
 * posted comment closes its form too (the thread shows it under the line) and focus returns to
 * the line's button.
 */
export function LineCommentToggle({
  forms,
  children,
}: {
  /** The form for each anchor key, rendered by the server. */
  forms: Readonly<Record<string, ReactNode>>;
  children: ReactNode;
}) {
  const [slots, setSlots] = useState<readonly Slot[]>([]);
  const focusPending = useRef<HTMLElement | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  // Focus the box of a just-opened form once React has rendered it into the new row.
  useEffect(() => {
    const cell = focusPending.current;
    focusPending.current = null;
    if (cell) focusField(cell);
  }, [slots]);

  // A refresh (after posting, say) can add a thread under a line with an open form; React puts
  // the new row below ours, so move the form back under the thread.
  useEffect(() => {
    for (const slot of slots) {
      const line = buttonFor(slot.id)?.closest("tr");
      if (line) placeFormRow(line, slot.cell.parentElement as HTMLTableRowElement);
    }
  });

  // The forms are portalled into rows inside the wrapper, so their native events bubble to it.
  useEffect(() => {
    const root = wrapper.current;
    if (!root) return;
    const onPosted = (event: Event) => {
      const row = (event.target as Element).closest<HTMLTableRowElement>("tr[data-form-slot]");
      const button = row?.dataset.formSlot ? buttonFor(row.dataset.formSlot) : null;
      if (!row || !button) return;
      setShown(button, row.cells[0]!, false);
      button.focus();
    };
    root.addEventListener(COMMENT_POSTED_EVENT, onPosted);
    return () => root.removeEventListener(COMMENT_POSTED_EVENT, onPosted);
  }, []);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const button = (event.target as Element).closest<HTMLButtonElement>(BUTTON);
    const id = button?.dataset.commentSlot;
    const key = button?.dataset.commentKey;
    if (!button || !id || !key) return;
    const open = slots.find((slot) => slot.id === id && slot.cell.isConnected);
    if (open) {
      setShown(button, open.cell, open.cell.parentElement!.hidden);
      return;
    }
    const cell = insertFormRow(button, id);
    if (!cell) return;
    setShown(button, cell, true);
    focusPending.current = cell;
    setSlots((current) => [...current.filter((slot) => slot.id !== id), { id, key, cell }]);
  };

  // Escape in an open form hides it and returns to its button; the draft stays in the hidden row.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Escape") return;
    const row = (event.target as Element).closest<HTMLTableRowElement>("tr[data-form-slot]");
    const slot = slots.find((candidate) => candidate.cell.parentElement === row);
    const button = slot && buttonFor(slot.id);
    if (!slot || !button) return;
    setShown(button, slot.cell, false);
    button.focus();
  };

  return (
    // Delegation: the buttons are server-rendered, so they carry no handlers of their own;
    // clicks and Escape bubble up to this wrapper.
    <div ref={wrapper} onClick={onClick} onKeyDown={onKeyDown}>
      {children}
      {slots.map((slot) => createPortal(forms[slot.key] ?? null, slot.cell, slot.id))}
    </div>
  );
}

function buttonFor(id: string): HTMLButtonElement | null {
  return document.querySelector<HTMLButtonElement>(
    `${BUTTON}[data-comment-slot="${CSS.escape(id)}"]`,
  );
}

/** Adds an empty full-width row for the form under the button's line. */
function insertFormRow(button: HTMLButtonElement, id: string): HTMLTableCellElement | undefined {
  const line = button.closest("tr");
  if (!line) return undefined;
  const row = document.createElement("tr");
  row.id = `${id}-form`;
  row.className = "diff-form-row";
  row.dataset.formSlot = id;
  const cell = row.insertCell();
  cell.colSpan = [...line.cells].reduce((sum, each) => sum + each.colSpan, 0);
  placeFormRow(line, row);
  button.setAttribute("aria-controls", row.id);
  return cell;
}

/**
 * Puts a form row below its line's comment threads, among the rows that follow the line
 * (threads and forms). Leaves it alone when it is there already, as moving it would take the
 * focus from a reviewer typing in it.
 */
function placeFormRow(line: HTMLTableRowElement, row: HTMLTableRowElement) {
  let last: Element = line;
  let threadBelow = false;
  let seen = false;
  for (let next = line.nextElementSibling; next; next = next.nextElementSibling) {
    if (next === row) seen = true;
    else if (next.classList.contains("diff-comments")) threadBelow ||= seen;
    else if (!next.classList.contains("diff-form-row")) break;
    if (next !== row) last = next;
  }
  if (seen && !threadBelow) return;
  const focused = row.contains(document.activeElement) ? document.activeElement : null;
  last.after(row);
  if (focused instanceof HTMLElement) focused.focus();
}

function setShown(button: HTMLButtonElement, cell: HTMLTableCellElement, shown: boolean) {
  cell.parentElement!.hidden = !shown;
  button.setAttribute("aria-expanded", String(shown));
  if (shown) focusField(cell);
}

function focusField(cell: HTMLElement) {
  cell.querySelector<HTMLElement>("textarea, input:not([type=hidden])")?.focus();
}
