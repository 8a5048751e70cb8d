import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { InboxList } from "@/components/forge/inbox-list";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { NOTIFICATION_KINDS } from "@/lib/forge/notifications/derive";
import { inboxFilter, viewerInbox } from "@/lib/forge/notifications/operations";
import { currentViewer } from "@/lib/http/browser-session";
import { markAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

const KIND_LABELS: Record<(typeof NOTIFICATION_KINDS)[number], string> = {
  "new-item": "New tickets and merge requests",
  comment: "Comments",
  status: "Status changes",
  assignment: "Assignments",
  update: "Other changes",
  merge: "Merges",
  mention: "Mentions",
  "review-requested": "Review requests",
  verdict: "Reviews",
};

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await currentViewer();
  if (!viewer) redirect("/signin?next=/inbox");
  const filter = inboxFilter(await searchParams);
  const { rows, projects, unread } = await viewerInbox(viewer, filter);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Inbox</h1>
        <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="inbox-unread">
          {unread} unread
        </span>
        <form action={markAction} className="ml-auto">
          <input type="hidden" name="id" value="all" />
          <input type="hidden" name="read" value="1" />
          <button type="submit" className={buttonClass("secondary")} disabled={unread === 0}>
            Mark all read
          </button>
        </form>
        <Link href="/settings/notifications" className="text-sm underline">
          Delivery settings
        </Link>
      </div>
      <search aria-label="Filter notifications">
        <form method="get" action="/inbox" className="flex flex-wrap items-end gap-3 text-sm">
          <div className="flex items-center gap-2">
            <input
              id="inbox-unread-only"
              type="checkbox"
              name="unread"
              value="1"
              defaultChecked={filter.unreadOnly}
            />
            <label htmlFor="inbox-unread-only">Unread only</label>
          </div>
          <FilterSelect
            id="inbox-kind"
            name="kind"
            label="Kind"
            value={filter.kind}
            options={NOTIFICATION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
            anyLabel="All kinds"
            visibleLabel
          />
          <FilterSelect
            id="inbox-project"
            name="project"
            label="Project"
            value={filter.projectId}
            options={projects}
            anyLabel="All projects"
            visibleLabel
          />
          <button type="submit" className={buttonClass("secondary")}>
            Filter
          </button>
        </form>
      </search>
      <InboxList
        rows={rows.map((row) => ({
          id: row.id,
          actor: row.actor,
          summary: row.summary,
          path: row.path,
          projectId: row.projectId,
          createdAt: row.createdAt.toISOString(),
          read: row.readAt !== null,
        }))}
        markAction={markAction}
      />
    </div>
  );
}
