import Link from "next/link";
import { when } from "@/components/wiki/format";
import { codeCommitPath, codeTreePath } from "@/lib/forge/routes";
import type { ChangesetSummary } from "@/lib/scm/types";

/** Commits, newest first: subject (to the commit's page), author, date, id, its files. */
export function CommitList({
  base,
  commits,
  label,
}: {
  base: string;
  commits: readonly ChangesetSummary[];
  label: string;
}) {
  return (
    <ol
      aria-label={label}
      className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800"
      data-testid="commit-list"
    >
      {commits.map((commit) => (
        <li key={commit.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
          <Link
            href={codeCommitPath(base, commit.id)}
            className="min-w-0 font-medium break-words text-accent-600 hover:underline dark:text-accent-300"
          >
            {commit.message.split("\n")[0] || "(no message)"}
          </Link>
          <span className="text-zinc-600 dark:text-zinc-400">
            {commit.author.name || commit.author.email} ·{" "}
            <time dateTime={commit.date}>{when(commit.date)}</time>
          </span>
          <span className="ml-auto flex items-baseline gap-3">
            <code className="text-xs text-zinc-600 dark:text-zinc-400">
              {commit.id.slice(0, 12)}
            </code>
            <Link
              href={codeTreePath(base, commit.id)}
              className="text-xs text-accent-600 underline dark:text-accent-300"
              aria-label={`Browse the files at ${commit.id.slice(0, 12)}`}
            >
              Files
            </Link>
          </span>
        </li>
      ))}
    </ol>
  );
}
