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
import { COMMENT_POSTED_EVENT, CommentForm } from "@/components/forge/comment-form";
import type { FormAction, FormState } from "@/lib/http/form-state";
import { inputClass } from "@/components/ui/field";
import { MAX_ANCHOR_RANGE } from "@/lib/forge/comments/anchor-limits";
import { lineTargetId, type Anchor, type Side } from "./anchor";

/** An opened comment form: the row the toggle inserted under its line, and which line it is for. */
interface Slot {
  /** `<table data-slot>-<side><line>`: unique per line and file section, and the line's DOM id. */
  readonly id: string;
  readonly table: string;
  /** The button's `data-line`, `new:3`. */
  readonly line: string;
  readonly anchor: Anchor;
  readonly cell: HTMLTableCellElement;
}

/** What every line's form posts besides its anchor, and its button's words. */
export interface LineCommentFormSpec {
  readonly action: FormAction<FormState>;
  readonly hidden: Readonly<Record<string, string>>;
  readonly submitLabel: string;
}

const BUTTON = "button[data-line]";

/**
 * The one client component of a diff with inline comments. Lines are server-rendered HTML with
 * plain `<button data-line>`s; one delegated click handler here opens a form row under the
 * clicked line and renders a comment form into it, made here from `form` and the line's anchor
 * (its file from the table's data attributes). Forms exist only once opened: a 10,000-line diff
 * sends no 10,000 forms, and a label like "Comment on line 3" matches only the form the reviewer
 * opened. Closing hides the row, so a draft survives reopening; a posted comment closes its form
 * too (the thread shows it under the line) and focus returns to the line's button. Lines of
 * files loaded later (LazyDiffFile) are handled the same way, being inside the wrapper.
 */
export function LineCommentToggle({
  form,
  children,
}: {
  form: LineCommentFormSpec;
  children: ReactNode;
}) {
  const [slots, setSlots] = useState<readonly Slot[]>([]);
  const current = useRef(slots);
  const focusPending = useRef<HTMLElement | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  // Focus the box of a just-opened form once React has rendered it into the new row.
  useEffect(() => {
    current.current = slots;
    const cell = focusPending.current;
    focusPending.current = null;
    if (cell) focusField(cell);
  }, [slots]);

  // A refresh (after posting, say) can add a thread under a line with an open form; React puts
  // the new row below ours, so move the form back under the thread.
  useEffect(() => {
    for (const slot of slots) {
      const line = buttonFor(slot)?.closest("tr");
      if (line) placeFormRow(line, slot.cell.parentElement as HTMLTableRowElement);
    }
  });

  // The forms are portalled into rows inside the wrapper, so their native events bubble to it.
  useEffect(() => {
    const root = wrapper.current;
    if (!root) return;
    const onPosted = (event: Event) => {
      const slot = slotOf(current.current, event.target as Element);
      const button = slot && buttonFor(slot);
      if (!slot || !button) return;
      setShown(button, slot.cell, false);
      button.focus();
    };
    root.addEventListener(COMMENT_POSTED_EVENT, onPosted);
    return () => root.removeEventListener(COMMENT_POSTED_EVENT, onPosted);
  }, []);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const button = (event.target as Element).closest<HTMLButtonElement>(BUTTON);
    const target = button && slotTarget(button);
    if (!button || !target) return;
    const open = slots.find((slot) => slot.id === target.id && slot.cell.isConnected);
    if (open) {
      setShown(button, open.cell, open.cell.parentElement!.hidden);
      return;
    }
    const cell = insertFormRow(button, target.id);
    if (!cell) return;
    setShown(button, cell, true);
    focusPending.current = cell;
    setSlots((all) => [...all.filter((slot) => slot.id !== target.id), { ...target, cell }]);
  };

  // Escape in an open form hides it and returns to its button; the draft stays in the hidden row.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Escape") return;
    const slot = slotOf(slots, event.target as Element);
    const button = slot && buttonFor(slot);
    if (!slot || !button) return;
    setShown(button, slot.cell, false);
    button.focus();
  };

  return (
    // Delegation: the buttons are server-rendered, so they carry no handlers of their own;
    // clicks and Escape bubble up to this wrapper.
    <div ref={wrapper} onClick={onClick} onKeyDown={onKeyDown}>
      {children}
      {slots.map((slot) =>
        createPortal(
          <CommentForm
            action={form.action}
            hidden={{
              ...form.hidden,
              anchorFile: slot.anchor.file,
              anchorSide: slot.anchor.side,
              anchorLine: String(slot.anchor.line),
            }}
            label={`Comment on line ${slot.anchor.line}`}
            submitLabel={form.submitLabel}
            fields={
              slot.anchor.side === "new" ? (
                <RangeStartField id={slot.id} line={slot.anchor.line} />
              ) : null
            }
          />,
          slot.cell,
          slot.id,
        ),
      )}
    </div>
  );
}

/**
 * Where the comment's range starts, for a suggestion replacing several lines that end at this
 * one (a ```suggestion block in the text): empty for this line alone.
 */
function RangeStartField({ id, line }: { id: string; line: number }) {
  const input = `${id}-from`;
  const hint = `${id}-from-hint`;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={input}>From line</label>
      <input
        id={input}
        name="anchorFrom"
        type="number"
        min={Math.max(1, line - MAX_ANCHOR_RANGE + 1)}
        max={line}
        placeholder={String(line)}
        aria-describedby={hint}
        className={`${inputClass} w-24`}
      />
      <span id={hint} className="text-zinc-600 dark:text-zinc-400">
        to line {line}: a ```suggestion block replaces these lines
      </span>
    </div>
  );
}

/** The line a button comments on, from its `data-line` and its table's data attributes. */
function slotTarget(button: HTMLButtonElement): Omit<Slot, "cell"> | undefined {
  const table = button.closest("table");
  const line = button.dataset.line ?? "";
  const match = /^(old|new):([0-9]+)$/.exec(line);
  const prefix = table?.dataset.slot;
  const file = match?.[1] === "old" ? table?.dataset.oldPath : table?.dataset.newPath;
  if (!match || !prefix || !file) return undefined;
  const anchor = { file, side: match[1] as Side, line: Number(match[2]) };
  return { id: lineTargetId(prefix, anchor), table: prefix, line, anchor };
}

function slotOf(slots: readonly Slot[], inside: Element): Slot | undefined {
  const row = inside.closest("tr[data-form-slot]");
  return slots.find((slot) => slot.cell.parentElement === row);
}

function buttonFor(slot: Pick<Slot, "table" | "line">): HTMLButtonElement | null {
  return document.querySelector<HTMLButtonElement>(
    `table[data-slot="${CSS.escape(slot.table)}"] ${BUTTON}[data-line="${slot.line}"]`,
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
