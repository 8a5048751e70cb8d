"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The ticket's header with an "Edit ticket" button that opens the edit form below it, with
 * the main column's width (the sidebar is too narrow for its fields).
 */
export function TicketEditor({ header, form }: { header: React.ReactNode; form: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLInputElement>("input:not([type=hidden])")?.focus();
  }, [open]);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        {header}
        <Button
          type="button"
          variant="secondary"
          aria-expanded={open}
          aria-controls="ticket-editor"
          onClick={() => setOpen(!open)}
        >
          {open ? "Close editor" : "Edit ticket"}
        </Button>
      </div>
      {open ? (
        <section
          id="ticket-editor"
          ref={panel}
          aria-label="Edit ticket"
          className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        >
          {form}
        </section>
      ) : null}
    </>
  );
}
