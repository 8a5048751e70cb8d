"use client";

import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import { lineHash, parseLineHash, selectLine, type LineRange } from "./line-hash";

const MOVES: Record<string, (line: number, last: number) => number> = {
  ArrowDown: (line, last) => Math.min(last, line + 1),
  ArrowUp: (line) => Math.max(1, line - 1),
  PageDown: (line, last) => Math.min(last, line + 20),
  PageUp: (line) => Math.max(1, line - 20),
  Home: () => 1,
  End: (_line, last) => last,
};

/**
 * Line anchors of a file table (rows `id="L<n>"`, line-number links `data-line`): a click or
 * Enter selects a line, with Shift a range, and the address becomes `#L10` or `#L10-L20`; an
 * address with such a hash selects its lines on arrival. The line numbers are one tab stop,
 * moved through with the arrow keys (and Page Up/Down, Home, End), so that a long file does
 * not hold the keyboard for thousands of tab presses.
 */
export function LineSelection({ lines, children }: { lines: number; children: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | undefined>(undefined);
  const [selected, setSelected] = useState<LineRange | undefined>();

  useEffect(() => {
    const fromHash = () => {
      const range = parseLineHash(window.location.hash);
      setSelected(range);
      anchor.current = range?.from;
      if (!range || !container.current) return;
      moveTabStop(container.current, range.from);
      container.current.querySelector(`#L${range.from}`)?.scrollIntoView({ block: "center" });
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, []);

  useEffect(() => {
    const rows = container.current?.querySelectorAll<HTMLTableRowElement>("tr[data-selected]");
    rows?.forEach((row) => row.removeAttribute("data-selected"));
    if (!selected) return;
    for (let line = selected.from; line <= Math.min(selected.to, lines); line++) {
      container.current?.querySelector(`#L${line}`)?.setAttribute("data-selected", "");
    }
  }, [selected, lines]);

  function select(line: number, extend: boolean) {
    const range = selectLine(line, anchor.current, extend);
    if (!extend) anchor.current = line;
    setSelected(range);
    window.history.replaceState(window.history.state, "", lineHash(range));
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-line]");
    if (!link || event.metaKey || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    select(Number(link.dataset.line), event.shiftKey);
    focusLine(Number(link.dataset.line));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-line]");
    const move = MOVES[event.key];
    if (!link || !move) return;
    event.preventDefault();
    focusLine(move(Number(link.dataset.line), lines));
  }

  function focusLine(line: number) {
    if (container.current) moveTabStop(container.current, line)?.focus();
  }

  return (
    // Delegated handlers for the links inside: the links themselves are the controls.
    <div ref={container} onClick={onClick} onKeyDown={onKeyDown}>
      <p className="sr-only" aria-live="polite">
        {selected
          ? selected.from === selected.to
            ? `Line ${selected.from} selected.`
            : `Lines ${selected.from} to ${selected.to} selected.`
          : ""}
      </p>
      {children}
    </div>
  );
}

/** Makes `line`'s link the one tab stop of the line numbers. */
function moveTabStop(container: HTMLElement, line: number): HTMLAnchorElement | undefined {
  const target = container.querySelector<HTMLAnchorElement>(`a[data-line="${line}"]`);
  if (!target) return undefined;
  container
    .querySelectorAll<HTMLAnchorElement>('a[data-line][tabindex="0"]')
    .forEach((link) => (link.tabIndex = -1));
  target.tabIndex = 0;
  return target;
}
