import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ItemRows } from "@/components/forge/item-rows";
import { SavedSearchLinks } from "@/components/forge/saved-searches";
import { myWork } from "@/lib/forge/dashboard/my-work";
import { DASHBOARD_PATH, searchQueryPath } from "@/lib/forge/routes";
import { listSavedSearches } from "@/lib/forge/search/saved";
import { currentViewer } from "@/lib/http/browser-session";
import { deleteSavedSearchAction } from "../search/actions";

export const metadata: Metadata = { title: "My work" };
export const dynamic = "force-dynamic";

/** The signed-in person's work across every project they may read. */
export default async function DashboardPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect(`/signin?next=${DASHBOARD_PATH}`);
  const [work, saved] = await Promise.all([myWork(viewer), listSavedSearches(viewer)]);
  const section = (id: string, title: string, more?: string) => (
    <h2 id={id} className="mb-2 flex items-baseline gap-3 text-lg font-semibold">
      {title}
      {more ? (
        <Link
          href={more}
          className="text-sm font-normal text-accent-600 underline dark:text-accent-300"
        >
          All
        </Link>
      ) : null}
    </h2>
  );
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">My work</h1>
      <section aria-labelledby="assigned-heading">
        {section(
          "assigned-heading",
          "Assigned to me",
          searchQueryPath(`is:open is:ticket assignee:${viewer.jid}`),
        )}
        <ItemRows
          testId="dashboard-assigned"
          rows={work.assigned.map((ticket) => ({ kind: "ticket", ...ticket }))}
          empty="No open ticket is assigned to you."
        />
      </section>
      <section aria-labelledby="mine-heading">
        {section(
          "mine-heading",
          "My open merge requests",
          searchQueryPath(`is:open is:mr author:${viewer.jid}`),
        )}
        <ItemRows
          testId="dashboard-merge-requests"
          rows={work.myMergeRequests.map((request) => ({ kind: "merge-request", ...request }))}
          empty="You have no open merge request."
        />
      </section>
      <section aria-labelledby="reviews-heading">
        {section("reviews-heading", "Reviews requested from me")}
        <ItemRows
          testId="dashboard-reviews"
          rows={work.reviewRequests.map((request) => ({ kind: "merge-request", ...request }))}
          empty="Nobody is waiting for your review."
        />
      </section>
      <section aria-labelledby="recent-heading">
        {section("recent-heading", "Recently active")}
        <ItemRows
          testId="dashboard-recent"
          rows={work.recent.map(({ kind, item }) => ({ kind, ...item }))}
          empty="Nothing has happened yet in the projects you can read."
        />
      </section>
      <section aria-labelledby="saved-heading">
        {section("saved-heading", "Saved searches")}
        <SavedSearchLinks searches={saved} deleteAction={deleteSavedSearchAction} />
      </section>
    </div>
  );
}
