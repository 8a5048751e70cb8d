import type { Metadata } from "next";
import Link from "next/link";
import { ItemRows } from "@/components/forge/item-rows";
import { SavedSearchLinks, SaveSearchForm } from "@/components/forge/saved-searches";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { projectPath, searchQueryPath, wikiPageLink } from "@/lib/forge/routes";
import { searchAcrossProjects } from "@/lib/forge/search/across";
import { MAX_SEARCH_QUERY } from "@/lib/forge/search/query";
import { listSavedSearches } from "@/lib/forge/search/saved";
import { currentViewer } from "@/lib/http/browser-session";
import { deleteSavedSearchAction, saveSearchAction } from "./actions";

export const metadata: Metadata = { title: "Search" };
export const dynamic = "force-dynamic";

/** Search across every project the viewer may read, with filters and saved searches. */
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>;
}) {
  const params = await searchParams;
  const text = (typeof params.q === "string" ? params.q : "").trim().slice(0, MAX_SEARCH_QUERY);
  const page = Number(typeof params.page === "string" ? params.page : 1) || 1;
  const viewer = await currentViewer();
  const [results, saved] = await Promise.all([
    searchAcrossProjects(viewer, text, page),
    viewer ? listSavedSearches(viewer) : [],
  ]);
  const pageLink = (to: number) => `${searchQueryPath(text)}&page=${to}`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Search all projects</h1>
      <form method="get" role="search" className="flex max-w-2xl gap-2">
        <label htmlFor="search-all" className="sr-only">
          Search all projects
        </label>
        <input
          id="search-all"
          name="q"
          type="search"
          defaultValue={text}
          maxLength={MAX_SEARCH_QUERY}
          aria-describedby="search-help"
          placeholder="is:open label:bug author:alice@example.org words"
          className={inputClass}
        />
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
      </form>
      <p id="search-help" className="text-sm text-zinc-600 dark:text-zinc-400">
        Filters: <code>is:open</code>, <code>is:closed</code>, <code>is:ticket</code>,{" "}
        <code>is:mr</code>, <code>is:wiki</code>, <code>label:name</code>, <code>author:jid</code>,{" "}
        <code>assignee:jid</code>, <code>project:service/slug</code>; other words must all appear.
        Wiki pages are found by words only.
        {viewer ? null : " Sign in to search members-only projects you belong to."}
      </p>
      {results.ignored.length ? (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-300">
          Ignored: {results.ignored.join("; ")}.
        </p>
      ) : null}
      {text && viewer ? <SaveSearchForm query={text} saveAction={saveSearchAction} /> : null}
      {text ? (
        <div className="space-y-6">
          <section aria-labelledby="items-heading" className="space-y-2">
            <h2 id="items-heading" className="font-semibold">
              Tickets and merge requests
            </h2>
            <ItemRows
              testId="search-items"
              rows={[
                ...results.tickets.map((ticket) => ({ kind: "ticket" as const, ...ticket })),
                ...results.mergeRequests.map((request) => ({
                  kind: "merge-request" as const,
                  ...request,
                })),
              ]}
              empty="No ticket or merge request matches."
            />
          </section>
          <section aria-labelledby="pages-heading" className="space-y-2">
            <h2 id="pages-heading" className="font-semibold">
              Wiki pages
            </h2>
            {results.wikiPages.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No wiki page matches.</p>
            ) : (
              <ul data-testid="search-pages" className="space-y-1 text-sm">
                {results.wikiPages.map((hit) => (
                  <li key={hit.id}>
                    <Link
                      href={wikiPageLink(projectPath(hit.projectId), hit.slug)}
                      className="font-medium text-accent-600 underline dark:text-accent-300"
                    >
                      {hit.title}
                    </Link>{" "}
                    <span className="text-zinc-600 dark:text-zinc-400">{hit.projectId}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <nav aria-label="Result pages" className="flex gap-4 text-sm">
            {page > 1 ? (
              <Link href={pageLink(page - 1)} className="underline">
                Previous page
              </Link>
            ) : null}
            {results.more ? (
              <Link href={pageLink(page + 1)} className="underline">
                Next page
              </Link>
            ) : null}
          </nav>
        </div>
      ) : null}
      {viewer ? (
        <section aria-labelledby="saved-heading" className="space-y-2">
          <h2 id="saved-heading" className="font-semibold">
            Saved searches
          </h2>
          <SavedSearchLinks searches={saved} deleteAction={deleteSavedSearchAction} />
        </section>
      ) : null}
    </div>
  );
}
