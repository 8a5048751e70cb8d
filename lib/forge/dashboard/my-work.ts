import { mergeRequestsAcross, ticketsAcross } from "@/lib/cache/across-projects";
import type { MergeRequestSummary } from "@/lib/cache/merge-requests";
import type { TicketSummary } from "@/lib/cache/tickets";
import { readableProjectIds } from "@/lib/forge/projects/access";
import type { Viewer } from "@/lib/forge/viewer";

/** Rows per dashboard section; each links to the full search for more. */
export const DASHBOARD_SECTION_SIZE = 10;

export type RecentItem =
  { kind: "ticket"; item: TicketSummary } | { kind: "merge-request"; item: MergeRequestSummary };

export interface MyWork {
  assigned: TicketSummary[];
  myMergeRequests: MergeRequestSummary[];
  reviewRequests: MergeRequestSummary[];
  recent: RecentItem[];
}

/** Open merge requests whose `reviewers` field names the viewer, newest activity first. */
export function reviewRequestsFor(
  viewer: Viewer,
  projectIds: readonly string[],
  limit = DASHBOARD_SECTION_SIZE,
): Promise<MergeRequestSummary[]> {
  return mergeRequestsAcross(projectIds, { state: "open", reviewers: [viewer.jid] }, { limit });
}

/** The latest tickets and merge requests of these projects, newest first, `limit` in all. */
export async function recentlyActive(
  projectIds: readonly string[],
  filter: { authors?: string[] } = {},
  limit = DASHBOARD_SECTION_SIZE,
): Promise<RecentItem[]> {
  const [tickets, mergeRequests] = await Promise.all([
    ticketsAcross(projectIds, filter, { limit }),
    mergeRequestsAcross(projectIds, filter, { limit }),
  ]);
  return [
    ...tickets.map((item) => ({ kind: "ticket" as const, item })),
    ...mergeRequests.map((item) => ({ kind: "merge-request" as const, item })),
  ]
    .sort((a, b) => b.item.updated.getTime() - a.item.updated.getTime())
    .slice(0, limit);
}

/** The viewer's dashboard, across every project they may read. */
export async function myWork(viewer: Viewer): Promise<MyWork> {
  const projectIds = await readableProjectIds(viewer);
  const limit = { limit: DASHBOARD_SECTION_SIZE };
  const [assigned, myMergeRequests, reviewRequests, recent] = await Promise.all([
    ticketsAcross(projectIds, { state: "open", assignees: [viewer.jid] }, limit),
    mergeRequestsAcross(projectIds, { state: "open", authors: [viewer.jid] }, limit),
    reviewRequestsFor(viewer, projectIds),
    recentlyActive(projectIds),
  ]);
  return { assigned, myMergeRequests, reviewRequests, recent };
}
