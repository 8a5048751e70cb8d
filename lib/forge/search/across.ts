import {
  ACROSS_PAGE_SIZE,
  mergeRequestsAcross,
  ticketsAcross,
  wikiPagesAcross,
  type WikiPageHit,
} from "@/lib/cache/across-projects";
import type { MergeRequestSummary } from "@/lib/cache/merge-requests";
import type { TicketSummary } from "@/lib/cache/tickets";
import { readableProjectIds } from "@/lib/forge/projects/access";
import type { Viewer } from "@/lib/forge/viewer";
import { isEmptySearch, parseSearchQuery, type SearchQuery } from "./query";

export interface SearchResults {
  query: SearchQuery;
  ignored: string[];
  tickets: TicketSummary[];
  mergeRequests: MergeRequestSummary[];
  wikiPages: WikiPageHit[];
  /** Whether any list filled its page, so a next page may hold more. */
  more: boolean;
}

/** Past this page nobody reads on; a hand-made `?page=1e9` would make a huge offset. */
const LAST_PAGE = 50;

/**
 * Tickets, merge requests and wiki pages matching `text` in the projects this viewer may read
 * (`project:` only narrows that list, never widens it).
 */
export async function searchAcrossProjects(
  viewer: Viewer | null,
  text: string,
  page = 1,
): Promise<SearchResults> {
  const { query, ignored } = parseSearchQuery(text);
  const empty = { query, ignored, tickets: [], mergeRequests: [], wikiPages: [], more: false };
  if (isEmptySearch(query)) return empty;
  const readable = await readableProjectIds(viewer);
  const projectIds = query.projects.length
    ? readable.filter((id) => query.projects.includes(id))
    : readable;
  const wants = (kind: SearchQuery["kinds"][number]) =>
    query.kinds.length === 0 || query.kinds.includes(kind);
  const paging = {
    limit: ACROSS_PAGE_SIZE,
    skip: (Math.min(Math.max(1, Math.trunc(page) || 1), LAST_PAGE) - 1) * ACROSS_PAGE_SIZE,
  };
  // Pages have no state, labels, authors or assignees: a query using any of them skips them.
  const pagesApply =
    !query.state && !query.labels.length && !query.authors.length && !query.assignees.length;
  const [tickets, mergeRequests, wikiPages] = await Promise.all([
    wants("ticket") ? ticketsAcross(projectIds, query, paging) : [],
    wants("mr") ? mergeRequestsAcross(projectIds, query, paging) : [],
    wants("wiki") && pagesApply ? wikiPagesAcross(projectIds, query.words, paging) : [],
  ]);
  const more = [tickets, mergeRequests, wikiPages].some((list) => list.length === ACROSS_PAGE_SIZE);
  return { query, ignored, tickets, mergeRequests, wikiPages, more };
}
