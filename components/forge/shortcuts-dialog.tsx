"use client";

import type { Ref } from "react";
import { Button } from "@/components/ui/button";

export interface Shortcut {
  readonly keys: string;
  readonly does: string;
}

/** The keyboard shortcuts of a page, listed in a modal dialog (opened with `?`). */
export function ShortcutsDialog({
  ref,
  shortcuts,
}: {
  ref: Ref<HTMLDialogElement>;
  shortcuts: readonly Shortcut[];
}) {
  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      className="m-auto w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-200 bg-white p-4 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100"
    >
      <h2 id="shortcuts-title" className="mb-3 font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.keys} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 px-1.5 font-mono text-xs dark:border-zinc-700">
                {shortcut.keys}
              </kbd>
            </dt>
            <dd>{shortcut.does}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <Button type="submit" variant="secondary">
          Close
        </Button>
      </form>
    </dialog>
  );
}
