"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** How long typing may pause before the list follows: long enough not to reload per key. */
const TYPING_PAUSE_MS = 350;

/**
 * The search and filters of a list, applied as they change: a choice at once, typing after a
 * pause, by replacing the page's query (empty fields left out). Without JavaScript it is a
 * plain GET form with a Filter button. On narrow screens the filters (not the search) sit
 * behind one "Filters" toggle, so they do not push the list off the screen.
 */
export function FilterForm({
  action,
  label,
  search,
  filters,
  activeFilters,
}: {
  /** The list's path, without a query. */
  action: string;
  /** The accessible name of the search landmark. */
  label: string;
  search: ReactNode;
  filters: ReactNode;
  /** How many filters are set, shown on the toggle. */
  activeFilters: number;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const typing = useRef<number | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const filtersId = useId();

  useEffect(() => () => window.clearTimeout(typing.current), []);

  // The fields are uncontrolled, so a query changed by a link ("Clear filters", a tab) would
  // leave them showing the old one; the field being typed in is left alone.
  const params = useSearchParams();
  useEffect(() => {
    for (const field of Array.from(form.current?.elements ?? [])) {
      if (field === document.activeElement) continue;
      if (field instanceof HTMLSelectElement) {
        field.value = params.get(field.name) ?? field.options[0]?.value ?? "";
      } else if (field instanceof HTMLInputElement && field.type !== "hidden" && field.name) {
        field.value = params.get(field.name) ?? "";
      }
    }
  }, [params]);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    window.clearTimeout(typing.current);
    if (!form.current) return;
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form.current)) {
      if (typeof value === "string" && value.trim() !== "") query.set(name, value);
    }
    const text = query.toString();
    router.replace(text ? `${action}?${text}` : action, { scroll: false });
  };

  return (
    <form
      ref={form}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      onSubmit={apply}
      onChange={(event) => {
        window.clearTimeout(typing.current);
        const target = event.target as HTMLElement;
        if (target.tagName === "SELECT") apply();
        else typing.current = window.setTimeout(apply, TYPING_PAUSE_MS);
      }}
      className="flex flex-wrap items-end gap-2"
    >
      <div className="min-w-48 flex-1">{search}</div>
      <button
        type="button"
        className={buttonClass("secondary", "sm:hidden")}
        aria-expanded={open}
        aria-controls={filtersId}
        onClick={() => setOpen(!open)}
      >
        Filters{activeFilters ? ` (${activeFilters})` : ""}
      </button>
      <div
        id={filtersId}
        data-testid="list-filters"
        className={`${open ? "flex" : "hidden"} w-full flex-wrap items-end gap-2 sm:flex sm:w-auto`}
      >
        {filters}
      </div>
      <noscript>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </noscript>
    </form>
  );
}
