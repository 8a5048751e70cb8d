import type { Metadata } from "next";
import Link from "next/link";
import { listMergeRequests } from "@/lib/cache/merge-requests";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { StatusBadge } from "@/components/forge/status-badge";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Merge requests" };

const TABS = [
  { value: "", label: "All" },
  { value: "queued", label: "Open" },
  { value: "review", label: "Review" },
  { value: "merged", label: "Merged" },
  { value: "closed", label: "Closed" },
];

export default async function MergeRequestsPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams>;
  searchParams: Promise<{ status?: string }>;
}) {
  const { project, viewer, base } = await loadProject(params);
  const { status } = await searchParams;
  const { mergeRequests, countsByStatus } = await listMergeRequests(project.id, status);
  const total = Object.values(countsByStatus).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Merge request status" className="flex flex-wrap gap-1">
          {TABS.map((tab) => {
            const current = (status ?? "") === tab.value;
            return (
              <Link
                key={tab.value}
                href={`${base}/mr${tab.value ? `?status=${tab.value}` : ""}`}
                aria-current={current ? "page" : undefined}
                className={`rounded-md px-2.5 py-1 text-sm ${current ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
              >
                {tab.label}{" "}
                <span className="tabular-nums opacity-75">
                  {tab.value ? (countsByStatus[tab.value] ?? 0) : total}
                </span>
              </Link>
            );
          })}
        </nav>
        {viewer ? (
          <Link href={`${base}/mr/new`} className={buttonClass("primary", "ml-auto")}>
            New merge request
          </Link>
        ) : null}
      </div>
      {mergeRequests.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No merge requests here.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {mergeRequests.map((mr) => (
            <li
              key={mr.id}
              data-testid="mr-row"
              className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2"
            >
              <StatusBadge status={mr.status} />
              <Link
                href={`${base}/mr/${encodeURIComponent(mr.itemId)}`}
                className="min-w-0 flex-1 truncate font-medium hover:underline"
              >
                {mr.title}
              </Link>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {mr.scm === "hg" ? "Mercurial" : "Git"} · revision {mr.revision} ·{" "}
                {mr.publisher || mr.author}
              </span>
              <span
                className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400"
                aria-label={`${mr.commentCount} comments`}
              >
                {mr.commentCount} comments
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
