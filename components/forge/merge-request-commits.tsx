/** The "Commits" tab: the revision's series, oldest first, each linking to its own diff. */
import Link from "next/link";
import type { Changeset } from "@/lib/scm/types";

export function MergeRequestCommits({
  revision,
  changesets,
  commitHref,
}: {
  revision: number;
  changesets: readonly Changeset[];
  commitHref: (id: string) => string;
}) {
  return (
    <section aria-labelledby="commits-heading" className="space-y-2">
      <h3 id="commits-heading" className="font-semibold">
        {changesets.length} {changesets.length === 1 ? "commit" : "commits"} in revision {revision}
      </h3>
      <ol
        className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800"
        data-testid="mr-commits"
      >
        {changesets.map((c) => (
          <li key={c.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
            <Link
              href={commitHref(c.id)}
              className="font-medium text-accent-600 underline dark:text-accent-300"
            >
              {c.message.split("\n")[0]}
            </Link>
            <span className="text-zinc-600 dark:text-zinc-400">
              {c.author.name} · {c.date.slice(0, 10)}
            </span>
            <code className="ml-auto text-xs text-zinc-600 dark:text-zinc-400">
              {c.id.slice(0, 12)}
            </code>
          </li>
        ))}
      </ol>
    </section>
  );
}
