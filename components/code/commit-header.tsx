import Link from "next/link";
import { when } from "@/components/wiki/format";
import { codeCommitPath, codeTreePath } from "@/lib/forge/routes";
import type { ChangesetSummary } from "@/lib/scm/types";

const link = "text-accent-600 underline dark:text-accent-300";

/** A commit's message, author, date, id and parents, with a way to its files. */
export function CommitHeader({ base, commit }: { base: string; commit: ChangesetSummary }) {
  const [subject = "", ...body] = commit.message.split("\n");
  const rest = body.join("\n").trim();
  return (
    <header className="space-y-2">
      <h2 className="text-xl font-semibold tracking-tight break-words" data-testid="commit-subject">
        {subject || "(no message)"}
      </h2>
      {rest ? (
        <pre className="text-sm whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{rest}</pre>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-zinc-600 dark:text-zinc-400">Author</dt>
        <dd>
          {commit.author.name}
          {commit.author.email ? (
            <span className="text-zinc-600 dark:text-zinc-400"> &lt;{commit.author.email}&gt;</span>
          ) : null}
          , <time dateTime={commit.date}>{when(commit.date)}</time>
        </dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Commit</dt>
        <dd className="flex flex-wrap items-baseline gap-x-3">
          <code className="text-xs break-all" data-testid="commit-id">
            {commit.id}
          </code>
          <Link href={codeTreePath(base, commit.id)} className={link}>
            Browse files
          </Link>
        </dd>
        {commit.parents.length > 0 ? (
          <>
            <dt className="text-zinc-600 dark:text-zinc-400">
              {commit.parents.length === 1 ? "Parent" : "Parents"}
            </dt>
            <dd className="flex flex-wrap gap-x-3">
              {commit.parents.map((parent) => (
                <Link
                  key={parent}
                  href={codeCommitPath(base, parent)}
                  className={`font-mono text-xs ${link}`}
                >
                  {parent.slice(0, 12)}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </header>
  );
}
