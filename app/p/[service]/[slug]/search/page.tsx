import type { Metadata } from "next";
import Link from "next/link";
import { listTickets } from "@/lib/cache/tickets";
import { searchWikiPages } from "@/lib/cache/wiki";
import { ticketPath, wikiPageLink } from "@/lib/forge/routes";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { StatusBadge } from "@/components/forge/status-badge";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export const metadata: Metadata = { title: "Search" };

const MAX_QUERY = 200;

/** A line of the page's text around the first word searched for, as plain text. */
function excerpt(markdown: string, words: string[]): string {
  const lower = markdown.toLowerCase();
  const at = Math.max(
    0,
    Math.min(...words.map((word) => lower.indexOf(word)).filter((i) => i >= 0)),
  );
  const start = Math.max(0, at - 60);
  const text = markdown
    .slice(start, start + 180)
    .replace(/\s+/g, " ")
    .trim();
  return `${start > 0 ? "…" : ""}${text}${start + 180 < markdown.length ? "…" : ""}`;
}

/** Full-text search of one project: its wiki pages and its tickets. */
export default async function SearchPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams>;
  searchParams: Promise<{ q?: string }>;
}) {
  const { project, base } = await loadProject(params);
  const query = ((await searchParams).q ?? "").trim().slice(0, MAX_QUERY);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const [pages, tickets] = query
    ? await Promise.all([
        searchWikiPages(project.id, query, 50),
        listTickets(project.id, { text: query, limit: 50 }).then((list) => list.tickets),
      ])
    : [[], []];
  return (
    <div className="space-y-5">
      <form method="get" role="search" className="flex max-w-xl gap-2">
        <label htmlFor="project-search" className="sr-only">
          Search this project
        </label>
        <input
          id="project-search"
          name="q"
          type="search"
          defaultValue={query}
          placeholder="Search wiki pages and tickets"
          className={inputClass}
        />
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
      </form>
      {query ? (
        <div className="grid gap-6 md:grid-cols-2">
          <section aria-labelledby="wiki-results" className="space-y-2">
            <h2 id="wiki-results" className="font-semibold">
              Wiki pages <span className="font-normal text-zinc-600">{pages.length}</span>
            </h2>
            {pages.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No page matches.</p>
            ) : (
              <ul className="space-y-2" data-testid="search-wiki">
                {pages.map((page) => (
                  <li key={page.id} data-testid="search-wiki-result">
                    <Link
                      href={wikiPageLink(base, page.slug)}
                      className="font-medium text-accent-600 underline dark:text-accent-300"
                    >
                      {page.title}
                    </Link>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {excerpt(page.markdown, words)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="ticket-results" className="space-y-2">
            <h2 id="ticket-results" className="font-semibold">
              Tickets <span className="font-normal text-zinc-600">{tickets.length}</span>
            </h2>
            {tickets.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No ticket matches.</p>
            ) : (
              <ul className="space-y-1" data-testid="search-tickets">
                {tickets.map((ticket) => (
                  <li
                    key={ticket.id}
                    className="flex items-center gap-2 text-sm"
                    data-testid="search-ticket-result"
                  >
                    <StatusBadge status={ticket.status} />
                    <Link href={ticketPath(base, ticket)} className="hover:underline">
                      {ticket.title}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Type words to find in the wiki&apos;s pages and in tickets (titles, text, labels).
        </p>
      )}
    </div>
  );
}
