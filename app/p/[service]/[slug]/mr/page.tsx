import type { ReactNode } from "react";
import type { Metadata } from "next";
import Link from "next/link";
import { listMergeRequests, type MergeRequestSummary } from "@/lib/cache/merge-requests";
import { currentRevisionChecks } from "@/lib/cache/checks";
import { checksOutcome } from "@/lib/forge/checks/view";
import { ChecksOutcomeBadge } from "@/components/forge/checks/checks-panel";
import { mergeRequestPath, mergeRequestsPath, newMergeRequestPath } from "@/lib/forge/routes";
import { MERGE_REQUEST_STATUSES, statusTabLabel } from "@/lib/forge/statuses";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { offerToPageCache } from "@/lib/http/page-cache-offer";
import { Counts } from "@/components/diff/diff-file";
import { EmptyList } from "@/components/forge/empty-list";
import { FilterForm } from "@/components/forge/filter-form";
import { OverwriteMark } from "@/components/forge/overwrite-warning";
import { StatusBadge } from "@/components/forge/status-badge";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";

export const metadata: Metadata = { title: "Merge requests" };

const TABS = [
  { value: "", label: "All" },
  ...MERGE_REQUEST_STATUSES.map((value) => ({ value, label: statusTabLabel(value) })),
];

type Search = { status?: string; q?: string; drafts?: string };

const DRAFT_CHOICES = [
  { value: "", label: "Drafts and ready" },
  { value: "hide", label: "Ready only (no drafts)" },
  { value: "only", label: "Drafts only" },
] as const;

const draftsFilter = (value: string | undefined) =>
  value === "only" || value === "hide" ? value : undefined;

function query(search: Search): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function MergeRequestsPage({
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
  const { mergeRequests, countsByStatus } = await listMergeRequests(project.id, {
    status: search.status,
    text: search.q,
    drafts: draftsFilter(search.drafts),
  });
  const checks = await currentRevisionChecks(mergeRequests);
  const filtering = Boolean(search.q || search.status || draftsFilter(search.drafts));
  const total = Object.values(countsByStatus).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label="Merge request status" className="flex flex-wrap gap-1">
          {TABS.map((tab) => {
            const current = (search.status ?? "") === tab.value;
            return (
              <Link
                key={tab.value}
                href={`${mergeRequestsPath(base)}${query({ ...search, status: tab.value })}`}
                aria-current={current ? "page" : undefined}
                data-testid={`mr-status-tab-${tab.value || "all"}`}
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
          <Link href={newMergeRequestPath(base)} className={buttonClass("primary", "ml-auto")}>
            New merge request
          </Link>
        ) : null}
      </div>
      <FilterForm
        action={mergeRequestsPath(base)}
        label="Merge requests"
        activeFilters={(search.status ? 1 : 0) + (draftsFilter(search.drafts) ? 1 : 0)}
        search={
          <>
            <label htmlFor="mr-search" className="sr-only">
              Search merge requests
            </label>
            <input
              id="mr-search"
              name="q"
              type="search"
              defaultValue={search.q}
              placeholder="Search titles and descriptions"
              className={inputClass}
            />
          </>
        }
        filters={
          <div className="flex flex-wrap gap-2">
            <FilterSelect
              id="mr-filter-status"
              name="status"
              label="Status"
              value={search.status}
              options={TABS.map((tab) => ({
                value: tab.value,
                label: tab.value ? `Status: ${tab.label.toLowerCase()}` : "Any status",
              }))}
              anyLabel={null}
            />
            <FilterSelect
              id="mr-filter-drafts"
              name="drafts"
              label="Drafts"
              value={draftsFilter(search.drafts)}
              options={DRAFT_CHOICES}
              anyLabel={null}
            />
          </div>
        }
      />
      {mergeRequests.length === 0 ? (
        <EmptyList
          message={filtering ? "No merge requests match these filters." : "No merge requests here."}
          links={filtering ? [{ label: "Clear filters", href: mergeRequestsPath(base) }] : []}
        />
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {mergeRequests.map((mr) => (
            <MergeRequestRow
              key={mr.id}
              base={base}
              mr={mr}
              checks={<ChecksOutcomeBadge outcome={checksOutcome(checks.get(mr.id) ?? [])} />}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function MergeRequestRow({
  base,
  mr,
  checks,
}: {
  base: string;
  mr: MergeRequestSummary;
  checks: ReactNode;
}) {
  const meta = "text-xs text-zinc-600 dark:text-zinc-400";
  return (
    <li data-testid="mr-row" className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
      <StatusBadge status={mr.status} />
      {mr.number === null ? null : (
        <span className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">!{mr.number}</span>
      )}
      <Link
        href={mergeRequestPath(base, mr)}
        className="min-w-0 basis-full font-medium break-words hover:underline sm:flex-1 sm:basis-0 sm:truncate"
      >
        {mr.title}
      </Link>
      {mr.flaggedBy ? <OverwriteMark kind="merge-request" flaggedBy={mr.flaggedBy} /> : null}
      {checks}
      <span data-testid="mr-lines">
        <Counts added={mr.linesAdded} removed={mr.linesRemoved} />
      </span>
      <span className={`${meta} font-mono`} data-testid="mr-branches">
        {mr.sourceRef || "patch"} <span aria-hidden="true">→</span>
        <span className="sr-only">into</span> {mr.targetBranch || "default branch"}
      </span>
      <span className={meta}>
        {mr.scm === "hg" ? "Mercurial" : "Git"} · revision {mr.revision} ·{" "}
        {mr.authorJid || mr.publisher || mr.author} · opened{" "}
        <time dateTime={mr.created.toISOString()}>{day(mr.created)}</time>, updated{" "}
        <time dateTime={mr.updated.toISOString()}>{day(mr.updated)}</time>
      </span>
      <span className={`${meta} tabular-nums`} aria-label={`${mr.commentCount} comments`}>
        {mr.commentCount} comments
      </span>
      {mr.unresolvedThreads > 0 ? (
        <span className={`${meta} tabular-nums`} data-testid="mr-unresolved-threads">
          {mr.unresolvedThreads} unresolved {mr.unresolvedThreads === 1 ? "thread" : "threads"}
        </span>
      ) : null}
    </li>
  );
}
