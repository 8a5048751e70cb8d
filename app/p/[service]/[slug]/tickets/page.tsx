import Link from "next/link";
import type { Metadata } from "next";
import { listTickets, projectLabels, TICKET_SORTS, type TicketSort } from "@/lib/cache/tickets";
import { rejectedItems } from "@/lib/forge/rejections";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { TicketTable } from "@/components/forge/ticket-table";

export const metadata: Metadata = { title: "Tickets" };

type Search = Record<string, string | undefined>;

const STATUS_TABS = [
  { value: "", label: "All" },
  { value: "queued", label: "Open" },
  { value: "started", label: "Started" },
  { value: "review", label: "Review" },
  { value: "closed", label: "Closed" },
];

function query(search: Search, change: Search): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...search, ...change }))
    if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function TicketsPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams>;
  searchParams: Promise<Search>;
}) {
  const { project, viewer, base } = await loadProject(params);
  const search = await searchParams;
  const sort = (TICKET_SORTS as readonly string[]).includes(search.sort ?? "")
    ? (search.sort as TicketSort)
    : "updated";
  const [{ tickets, countsByStatus, total }, labels] = await Promise.all([
    listTickets(project.id, {
      status: search.status,
      label: search.label,
      type: search.type,
      assignee: search.assignee,
      author: search.author,
      text: search.q,
      sort,
    }),
    projectLabels(project.id),
  ]);

  const unreadable = rejectedItems(project.id).filter((r) => r.node.startsWith("fdp/submitted/"));

  return (
    <div className="space-y-4">
      {unreadable.length ? (
        <Alert tone="warning">
          {unreadable.length} {unreadable.length === 1 ? "item" : "items"} on this tracker could not
          be read and {unreadable.length === 1 ? "is" : "are"} not listed (another client published{" "}
          {unreadable.length === 1 ? "it" : "them"} in a form Pubforge does not understand):
          <ul className="mt-1 list-disc pl-5" data-testid="unreadable-items">
            {unreadable.slice(0, 5).map((r) => (
              <li key={r.itemId}>
                <code>{r.itemId}</code>: {r.reason}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Ticket status" className="flex flex-wrap gap-1">
          {STATUS_TABS.map((tab) => {
            const count = tab.value ? (countsByStatus[tab.value] ?? 0) : total;
            const current = (search.status ?? "") === tab.value;
            return (
              <Link
                key={tab.value}
                href={`${base}/tickets${query(search, { status: tab.value || undefined })}`}
                aria-current={current ? "page" : undefined}
                data-testid={`status-tab-${tab.value || "all"}`}
                className={`rounded-md px-2.5 py-1 text-sm ${current ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
              >
                {tab.label} <span className="tabular-nums opacity-75">{count}</span>
              </Link>
            );
          })}
        </nav>
        {viewer ? (
          <Link
            href={`${base}/tickets/new`}
            className={buttonClass("primary", "ml-auto")}
            aria-keyshortcuts="c"
          >
            New ticket
          </Link>
        ) : null}
      </div>

      <form method="get" role="search" className="flex flex-wrap items-end gap-2">
        {search.status ? <input type="hidden" name="status" value={search.status} /> : null}
        <div className="min-w-48 flex-1">
          <label htmlFor="ticket-search" className="sr-only">
            Search tickets
          </label>
          <input
            id="ticket-search"
            name="q"
            type="search"
            defaultValue={search.q}
            placeholder="Search title, description, labels  ( / )"
            className={inputClass}
            aria-keyshortcuts="/"
          />
        </div>
        <FilterSelect name="label" label="Label" value={search.label} options={labels} />
        <FilterSelect name="type" label="Type" value={search.type} options={["bug", "feature"]} />
        <div>
          <label htmlFor="filter-author" className="sr-only">
            Author
          </label>
          <input
            id="filter-author"
            name="author"
            defaultValue={search.author}
            placeholder="Author JID"
            className={`${inputClass} w-40`}
          />
        </div>
        <div>
          <label htmlFor="filter-assignee" className="sr-only">
            Assignee
          </label>
          <input
            id="filter-assignee"
            name="assignee"
            defaultValue={search.assignee}
            placeholder="Assignee JID"
            className={`${inputClass} w-40`}
          />
        </div>
        <FilterSelect
          name="sort"
          label="Sort"
          value={sort}
          options={[...TICKET_SORTS]}
          allLabel={null}
        />
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>

      <TicketTable
        base={base}
        canEdit={viewer !== null}
        tickets={tickets.map((t) => ({
          id: t.id,
          itemId: t.itemId,
          title: t.title,
          status: t.status,
          type: t.type,
          priority: t.priority,
          labels: JSON.parse(t.labels) as string[],
          author: t.publisher || t.author,
          updated: t.updated.toISOString(),
          commentCount: t.commentCount,
        }))}
      />
    </div>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
  allLabel = `Any ${name}`,
}: {
  name: string;
  label: string;
  value?: string;
  options: string[];
  allLabel?: string | null;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="sr-only">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className={`${inputClass} w-auto`}
      >
        {allLabel === null ? null : <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {name === "sort" ? `Sort: ${option}` : option}
          </option>
        ))}
      </select>
    </div>
  );
}
