import Link from "next/link";
import { when } from "@/components/wiki/format";
import { buttonClass } from "@/components/ui/button";

export interface InboxRow {
  id: string;
  actor: string;
  summary: string;
  path: string;
  projectId: string;
  createdAt: string;
  read: boolean;
}

/** The inbox, unread first; each row links to its page and can be marked read or unread. */
export function InboxList({
  rows,
  markAction,
}: {
  rows: InboxRow[];
  markAction: (form: FormData) => Promise<void>;
}) {
  if (!rows.length) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        Nothing here. Watch a project, a ticket or a merge request to be told what happens in it.
      </p>
    );
  }
  return (
    <ul
      className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
      data-testid="inbox-list"
    >
      {rows.map((row) => (
        <li
          key={row.id}
          data-read={row.read}
          className={`flex flex-wrap items-center gap-3 px-4 py-3 text-sm ${row.read ? "" : "bg-accent-50 dark:bg-zinc-900"}`}
        >
          <span
            className={row.read ? "sr-only" : "font-semibold text-accent-700 dark:text-accent-300"}
          >
            {row.read ? "Read:" : "Unread"}
          </span>
          <span className="min-w-0 flex-1">
            <Link href={row.path} className="hover:underline">
              <span className="font-medium">{row.actor}</span> {row.summary}
            </Link>
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">
              {row.projectId} · {when(row.createdAt)}
            </span>
          </span>
          <form action={markAction}>
            <input type="hidden" name="id" value={row.id} />
            <input type="hidden" name="read" value={row.read ? "0" : "1"} />
            <button
              type="submit"
              className={buttonClass("ghost")}
              aria-label={`${row.read ? "Mark unread" : "Mark read"}: ${row.actor} ${row.summary}`}
            >
              {row.read ? "Mark unread" : "Mark read"}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
