"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ReactNode, useActionState, useEffect, useRef, useState } from "react";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { LabelChip, StatusBadge } from "./status-badge";
import { OverwriteMark } from "./overwrite-warning";
import { PublishingControls } from "@/components/forge/publishing-controls";
import { statusLabel, TICKET_STATUSES } from "@/lib/forge/statuses";
import { type Shortcut, ShortcutsDialog } from "./shortcuts-dialog";
import { newTicketPath } from "@/lib/forge/routes";
import type { FormAction, FormState } from "@/lib/http/form-state";

export interface TicketRow {
  id: string;
  /** Its page: by number, or by item id for tickets other clients filed. */
  href: string;
  number: number | null;
  title: string;
  status: string;
  type: string;
  priority: string;
  labels: string[];
  author: string;
  updated: string;
  commentCount: number;
  /** Who changed it without having filed it or maintaining the project, or "". */
  flaggedBy: string;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

const SHORTCUTS: readonly Shortcut[] = [
  { keys: "j", does: "Next ticket" },
  { keys: "k", does: "Previous ticket" },
  { keys: "Enter", does: "Open the ticket" },
  { keys: "x", does: "Select the ticket (to change several at once)" },
  { keys: "/", does: "Search" },
  { keys: "c", does: "File a new ticket" },
  { keys: "?", does: "Show these shortcuts" },
];

/**
 * The triage list. Keyboard: j/k move, x selects, Enter opens, / searches, c files a ticket,
 * ? lists these. `empty` is shown instead of the list when there are no tickets.
 */
export function TicketTable({
  base,
  tickets,
  canEdit,
  empty,
  bulkAction,
}: {
  base: string;
  tickets: TicketRow[];
  canEdit: boolean;
  empty: ReactNode;
  /** Changes the status or labels of the selected tickets. */
  bulkAction: FormAction<FormState>;
}) {
  const shortcuts = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(-1);
  const rows = useRef<(HTMLAnchorElement | null)[]>([]);
  const [state, action, pending] = useActionState<FormState, FormData>(async (previous, form) => {
    const result = await bulkAction(previous, form);
    if (result.done) setSelected(new Set());
    return result;
  }, {});

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const move = (to: number) => {
        const index = Math.max(0, Math.min(tickets.length - 1, to));
        setCursor(index);
        rows.current[index]?.focus();
      };
      if (event.key === "j") move(cursor + 1);
      else if (event.key === "k") move(cursor - 1);
      else if (event.key === "x" && canEdit && tickets[cursor]) toggle(tickets[cursor].id);
      else if (event.key === "/") {
        event.preventDefault();
        document.getElementById("ticket-search")?.focus();
      } else if (event.key === "c" && canEdit) router.push(newTicketPath(base));
      else if (event.key === "?") shortcuts.current?.showModal();
      else return;
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [cursor, tickets, canEdit, base, router]);

  return (
    <>
      <form action={action} className="space-y-2">
        <PublishingControls>
          <FormOutcome state={state} />
          {canEdit && selected.size > 0 ? (
            <div
              role="toolbar"
              aria-label="Change selected tickets"
              className="flex flex-wrap items-center gap-2 rounded-md bg-zinc-100 p-2 text-sm dark:bg-zinc-900"
            >
              <span className="font-medium">{selected.size} selected</span>
              {[...selected].map((id) => (
                <input key={id} type="hidden" name="ids" value={id} />
              ))}
              <label className="sr-only" htmlFor="bulk-status">
                New status
              </label>
              <select
                id="bulk-status"
                name="status"
                defaultValue=""
                className={`${inputClass} w-auto py-1`}
              >
                <option value="">Status…</option>
                {TICKET_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {statusLabel(value)}
                  </option>
                ))}
              </select>
              <label className="sr-only" htmlFor="bulk-add-label">
                Add label
              </label>
              <input
                id="bulk-add-label"
                name="addLabel"
                placeholder="Add label"
                className={`${inputClass} w-32 py-1`}
              />
              <label className="sr-only" htmlFor="bulk-remove-label">
                Remove label
              </label>
              <input
                id="bulk-remove-label"
                name="removeLabel"
                placeholder="Remove label"
                className={`${inputClass} w-32 py-1`}
              />
              <Button type="submit" disabled={pending}>
                {pending ? "Applying…" : "Apply"}
              </Button>
            </div>
          ) : null}
          {tickets.length === 0 ? empty : null}
          <ul
            hidden={tickets.length === 0}
            className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
            data-testid="ticket-list"
          >
            {tickets.map((ticket, index) => (
              <li
                key={ticket.id}
                data-testid="ticket-row"
                data-title={ticket.title}
                className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 ${index === cursor ? "bg-accent-50 dark:bg-zinc-900" : ""}`}
              >
                {canEdit ? (
                  <input
                    type="checkbox"
                    aria-label={`Select “${ticket.title}”`}
                    checked={selected.has(ticket.id)}
                    onChange={() => toggle(ticket.id)}
                    className="h-4 w-4 accent-accent-600"
                  />
                ) : null}
                <StatusBadge status={ticket.status} />
                {ticket.number === null ? null : (
                  <span className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">
                    #{ticket.number}
                  </span>
                )}
                {/* Below sm the title gets a line of its own and wraps rather than being cut. */}
                <Link
                  ref={(el) => {
                    rows.current[index] = el;
                  }}
                  href={ticket.href}
                  onFocus={() => setCursor(index)}
                  data-testid="ticket-link"
                  className="min-w-0 basis-full font-medium break-words hover:underline sm:flex-1 sm:basis-0 sm:truncate"
                >
                  {ticket.title}
                </Link>
                {ticket.flaggedBy ? (
                  <OverwriteMark kind="ticket" flaggedBy={ticket.flaggedBy} />
                ) : null}
                <span className="flex flex-wrap gap-1">
                  {ticket.labels.map((label) => (
                    <LabelChip key={label} label={label} />
                  ))}
                </span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {ticket.type} · {ticket.priority} · {ticket.author}
                </span>
                <span
                  className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400"
                  data-testid="comment-count"
                  aria-label={`${ticket.commentCount} comments`}
                >
                  <svg
                    aria-hidden
                    viewBox="0 0 16 16"
                    className="mr-1 inline h-3.5 w-3.5 fill-current"
                  >
                    <path d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3 3v-3h-.5A1.5 1.5 0 0 1 2 9.5z" />
                  </svg>
                  {ticket.commentCount}
                </span>
              </li>
            ))}
          </ul>
        </PublishingControls>
      </form>
      <ShortcutsDialog ref={shortcuts} shortcuts={SHORTCUTS} />
    </>
  );
}
