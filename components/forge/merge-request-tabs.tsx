/**
 * The merge request page's tabs: links, one per view, so each view has its own URL
 * (`?tab=files`) and works with the keyboard, the back button and without JavaScript. The
 * current one says so with `aria-current="page"`.
 */
import Link from "next/link";

export const MERGE_REQUEST_TABS = ["conversation", "commits", "files"] as const;
export type MergeRequestTab = (typeof MERGE_REQUEST_TABS)[number];

const LABELS: Record<MergeRequestTab, string> = {
  conversation: "Conversation",
  commits: "Commits",
  files: "Files changed",
};

/** The tab a `?tab=` value names; the conversation when it names none. */
export function parseTab(value: string | undefined): MergeRequestTab {
  return MERGE_REQUEST_TABS.find((tab) => tab === value) ?? "conversation";
}

export function MergeRequestTabs({
  current,
  hrefFor,
  counts,
}: {
  current: MergeRequestTab;
  hrefFor: (tab: MergeRequestTab) => string;
  counts: Partial<Record<MergeRequestTab, number>>;
}) {
  return (
    <nav
      aria-label="Merge request"
      className="flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800"
    >
      {MERGE_REQUEST_TABS.map((tab) => (
        <Link
          key={tab}
          href={hrefFor(tab)}
          aria-current={tab === current ? "page" : undefined}
          className="-mb-px flex items-center gap-1.5 border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-accent-600 aria-[current=page]:border-accent-600 aria-[current=page]:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-[current=page]:text-zinc-100"
        >
          {LABELS[tab]}
          {counts[tab] !== undefined ? (
            <span className="rounded-full bg-zinc-200 px-1.5 text-xs tabular-nums text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
              {counts[tab]}
            </span>
          ) : null}
        </Link>
      ))}
    </nav>
  );
}
