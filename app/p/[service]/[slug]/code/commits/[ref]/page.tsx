import type { Metadata } from "next";
import Link from "next/link";
import { CodeHeader } from "@/components/code/code-header";
import { CommitList } from "@/components/code/commit-list";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { locate } from "@/lib/forge/code/browse";
import { logPage } from "@/lib/forge/code/history";
import { codeLogPath, codePath } from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { explained, loadCode, refNames, revisionAndPath } from "../../code-route";

export const metadata: Metadata = { title: "Commits" };

/** The history of a revision, a page at a time, optionally of one file or directory. */
export default async function CommitsPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { ref: string }>;
  searchParams: Promise<{ path?: string; page?: string }>;
}) {
  const { project, base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const at = revisionAndPath((await params).ref);
  if (!at) return <CodeProblem problem="This address is not well formed." back={codePath(base)} />;
  const search = await searchParams;
  const path = (search.path ?? "").replace(/^\/+|\/+$/g, "");
  const { rev } = at;
  const read = await explained(async () => {
    const commit = await locate(repository, rev);
    const [log, refs] = await Promise.all([
      logPage(repository, commit.id, { path, page: Number(search.page) || 1 }),
      refNames(repository),
    ]);
    return { log, refs };
  });
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  const { log, refs } = read.value;
  return (
    <div className="space-y-4">
      <CodeHeader
        base={base}
        rev={rev}
        view="commits"
        path={path}
        rootName={project.slug}
        {...refs}
      />
      <form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <div>
          <label htmlFor="log-path" className="block text-sm font-medium">
            Only commits that touch
          </label>
          <input
            id="log-path"
            name="path"
            defaultValue={path}
            placeholder="e.g. src/app.ts"
            className="mt-1 w-80 max-w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm text-zinc-900 placeholder:text-zinc-500 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
        {path ? (
          <Link
            href={codeLogPath(base, rev)}
            className="text-sm text-accent-600 underline dark:text-accent-300"
          >
            Show all commits
          </Link>
        ) : null}
      </form>
      <h2 className="font-semibold" data-testid="log-heading">
        Commits of {rev}
        {path ? (
          <>
            {" "}
            touching <code className="font-mono text-sm">{path}</code>
          </>
        ) : null}
        {log.page > 1 ? `, page ${log.page}` : null}
      </h2>
      {log.commits.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No commits here.</p>
      ) : (
        <CommitList base={base} commits={log.commits} label={`Commits of ${rev}`} />
      )}
      <Pager
        label="Pages of commits"
        page={log.page}
        hasNext={log.hasOlder}
        href={(page) => codeLogPath(base, rev, { path, page })}
        previous="Newer"
        next="Older"
      />
    </div>
  );
}
