import Link from "next/link";
import type { Metadata } from "next";
import { listTickets, TICKET_SORTS, TICKETS_PER_PAGE, type TicketSort } from "@/lib/cache/tickets";
import { newTicketPath, ticketPath, ticketsPath } from "@/lib/forge/routes";
import { labelsOfProject } from "@/lib/forge/tickets/labels";
import { rejectedItems } from "@/lib/forge/sync/rejections";
import { DEFAULT_TICKET_STATUS, statusTabLabel, TICKET_STATUSES } from "@/lib/forge/statuses";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { offerToPageCache } from "@/lib/http/page-cache-offer";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyList } from "@/components/forge/empty-list";
import { FilterForm } from "@/components/forge/filter-form";
import { FilterSelect } from "@/components/ui/filter-select";
import { TicketTable } from "@/components/forge/ticket-table";
import { bulkAction } from "./actions";

export const metadata: Metadata = { title: "Tickets" };

type Search = Record<string, string | undefined>;

/** The list opens on the open tickets; `status=all` shows every status. */
const DEFAULT_STATUS = DEFAULT_TICKET_STATUS;

const STATUS_TABS = [
  { value: "all", label: "All" },
  ...TICKET_STATUSES.map((value) => ({ value, label: statusTabLabel(value) })),
];

const FILTERS = ["q", "label", "type", "author", "assignee"] as const;

function query(search: Search, change: Search): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...search, ...change }))
    if (value && !(key === "status" && value === DEFAULT_STATUS)) params.set(key, value);
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
  const loaded = await loadProject(params);
  const { project, viewer, base } = loaded;
  await offerToPageCache(loaded);
  const search = await searchParams;
  const sort = (TICKET_SORTS as readonly string[]).includes(search.sort ?? "")
    ? (search.sort as TicketSort)
    : "updated";
  const status = search.status || DEFAULT_STATUS;
  const page = Math.max(1, Number.parseInt(search.page ?? "", 10) || 1);
  const [{ tickets, countsByStatus, total, matching }, labels] = await Promise.all([
    listTickets(project.id, {
      status: status === "all" ? undefined : status,
      label: search.label,
      type: search.type,
      assignee: search.assignee,
      author: search.author,
      text: search.q,
      sort,
      page,
    }),
    labelsOfProject(project.id),
  ]);

  const active = FILTERS.filter((name) => search[name]);
  const unreadable = rejectedItems(project.id).filter((r) => r.node.startsWith("fdp/submitted/"));

  return (
    <div className="space-y-4">
      {unreadable.length ? (
        <Alert tone="warning">
          {unreadable.length} {unreadable.length === 1 ? "item" : "items"} on this tracker{" "}
          {unreadable.length === 1 ? "is" : "are"} not listed: another client published{" "}
          {unreadable.length === 1 ? "it" : "them"} in a form Pubforge does not understand, or
          someone who is not a member of a members-only project did:
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
            const count = tab.value === "all" ? total : (countsByStatus[tab.value] ?? 0);
            const current = status === tab.value;
            return (
              <Link
                key={tab.value}
                href={`${ticketsPath(base)}${query(search, { status: tab.value })}`}
                aria-current={current ? "page" : undefined}
                data-testid={`status-tab-${tab.value}`}
                className={`rounded-md px-2.5 py-1 text-sm ${current ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
              >
                {tab.label} <span className="tabular-nums opacity-75">{count}</span>
              </Link>
            );
          })}
        </nav>
        {viewer ? (
          <Link
            href={newTicketPath(base)}
            className={buttonClass("primary", "ml-auto")}
            aria-keyshortcuts="c"
          >
            New ticket
          </Link>
        ) : null}
      </div>

      <FilterForm
        action={ticketsPath(base)}
        label="Tickets"
        activeFilters={active.filter((name) => name !== "q").length}
        search={
          <>
            {search.status ? <input type="hidden" name="status" value={search.status} /> : null}
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
          </>
        }
        filters={
          <>
            <FilterSelect name="label" label="Label" value={search.label} options={labels} />
            <FilterSelect
              name="type"
              label="Type"
              value={search.type}
              options={["bug", "feature"]}
            />
            <FilterInput name="author" label="Author" value={search.author} />
            <FilterInput name="assignee" label="Assignee" value={search.assignee} />
            <FilterSelect
              name="sort"
              label="Sort"
              value={sort}
              options={TICKET_SORTS.map((sort) => ({ value: sort, label: `Sort: ${sort}` }))}
              anyLabel={null}
            />
          </>
        }
      />

      <TicketTable
        base={base}
        canEdit={viewer !== null}
        bulkAction={bulkAction}
        empty={
          <NoTickets base={base} search={search} status={status} filtered={active.length > 0} />
        }
        tickets={tickets.map((t) => ({
          id: t.id,
          href: ticketPath(base, t),
          number: t.number,
          title: t.title,
          status: t.status,
          type: t.type,
          priority: t.priority,
          labels: JSON.parse(t.labels) as string[],
          author: t.authorJid || t.publisher || t.author,
          updated: t.updated.toISOString(),
          commentCount: t.commentCount,
          flaggedBy: t.flaggedBy,
        }))}
      />
      <Pager
        label="Pages of tickets"
        page={page}
        hasNext={page * TICKETS_PER_PAGE < matching}
        href={(to) => `${ticketsPath(base)}${query(search, { page: String(to) })}`}
        position={`Page ${page} of ${Math.max(1, Math.ceil(matching / TICKETS_PER_PAGE))}`}
      />
    </div>
  );
}

/** An empty list says so, and offers the way out: clear the filters, or see every status. */
function NoTickets({
  base,
  search,
  status,
  filtered,
}: {
  base: string;
  search: Search;
  status: string;
  filtered: boolean;
}) {
  const tab = STATUS_TABS.find((candidate) => candidate.value === status);
  const links = [];
  if (filtered) {
    const href = `${ticketsPath(base)}${query({ status, sort: search.sort }, {})}`;
    links.push({ label: "Clear filters", href });
  }
  if (status !== "all") {
    links.push({
      label: "See all tickets",
      href: `${ticketsPath(base)}${query(search, { status: "all" })}`,
    });
  }
  const which = status === "all" ? "" : `${(tab?.label ?? status).toLowerCase()} `;
  return (
    <EmptyList
      message={filtered ? "No tickets match these filters." : `No ${which}tickets.`}
      links={links}
    />
  );
}

function FilterInput({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="sr-only">
        {label}
      </label>
      <input
        id={`filter-${name}`}
        name={name}
        defaultValue={value}
        placeholder={`${label} JID`}
        className={`${inputClass} w-40`}
      />
    </div>
  );
}
