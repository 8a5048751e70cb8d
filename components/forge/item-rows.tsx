import Link from "next/link";
import { mergeRequestPath, profilePath, projectPath, ticketPath } from "@/lib/forge/routes";
import { StatusBadge } from "./status-badge";

/** A ticket or merge request of any project, as cross-project lists show it. */
export interface ItemRow {
  kind: "ticket" | "merge-request";
  id: string;
  projectId: string;
  number: number | null;
  itemId: string;
  title: string;
  status: string;
  authorJid: string;
  updated: Date;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function itemHref(row: ItemRow): string {
  const base = projectPath(row.projectId);
  return row.kind === "ticket" ? ticketPath(base, row) : mergeRequestPath(base, row);
}

/** Items of several projects, each with its project, status, author and date. */
export function ItemRows({
  rows,
  empty,
  testId,
}: {
  rows: readonly ItemRow[];
  empty: string;
  testId: string;
}) {
  if (rows.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  }
  return (
    <ul
      data-testid={testId}
      className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
    >
      {rows.map((row) => (
        <li key={row.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <StatusBadge status={row.status} />
          <span className="text-zinc-600 dark:text-zinc-400">
            {row.kind === "ticket" ? "Ticket" : "Merge request"}
          </span>
          <Link
            href={itemHref(row)}
            data-testid="item-row-title"
            className="font-medium text-accent-600 hover:underline dark:text-accent-300"
          >
            {row.title}
          </Link>
          <span className="ml-auto text-xs text-zinc-600 dark:text-zinc-400">
            {row.projectId}
            {row.authorJid ? (
              <>
                {" · "}
                <Link href={profilePath(row.authorJid)} className="underline">
                  {row.authorJid}
                </Link>
              </>
            ) : null}
            {" · "}
            <time dateTime={row.updated.toISOString()}>{day(row.updated)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}
