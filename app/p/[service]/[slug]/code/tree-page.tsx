import Link from "next/link";
import { redirect } from "next/navigation";
import { CodeHeader } from "@/components/code/code-header";
import { CodeProblem } from "@/components/code/repository-notice";
import { TreeTable } from "@/components/code/tree-table";
import { when } from "@/components/wiki/format";
import { locate, viewPath } from "@/lib/forge/code/browse";
import { latestChange } from "@/lib/forge/code/history";
import type { CodeRepository } from "@/lib/forge/code/repository";
import { codeCommitPath, codeFilePath, codePath } from "@/lib/forge/routes";
import { explained, refNames } from "./code-route";

/** A directory at a revision: its entries, the latest commit that changed it, its README. */
export async function TreePage({
  base,
  repository,
  rev,
  path,
  rootName,
}: {
  base: string;
  repository: Extract<CodeRepository, { state: "ready" }>;
  rev: string;
  path: string;
  rootName: string;
}) {
  const read = await explained(async () => {
    const commit = await locate(repository, rev);
    const [view, latest, refs] = await Promise.all([
      viewPath(repository, commit.id, path, base),
      latestChange(repository, commit, path),
      refNames(repository),
    ]);
    return { view, latest, refs };
  });
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  const { view, latest, refs } = read.value;
  if (view.kind === "file") redirect(codeFilePath(base, rev, path));
  if (view.kind === "missing") {
    return <CodeProblem problem={`There is no “${path}” in ${rev}.`} back={codePath(base)} />;
  }
  return (
    <div className="space-y-4">
      <CodeHeader base={base} rev={rev} view="tree" path={path} rootName={rootName} {...refs} />
      {latest ? (
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm" data-testid="latest-commit">
          <span className="text-zinc-600 dark:text-zinc-400">Latest change:</span>
          <Link
            href={codeCommitPath(base, latest.id)}
            className="font-medium text-accent-600 hover:underline dark:text-accent-300"
          >
            {latest.message.split("\n")[0] || "(no message)"}
          </Link>
          <span className="text-zinc-600 dark:text-zinc-400">
            {latest.author.name || latest.author.email} ·{" "}
            <time dateTime={latest.date}>{when(latest.date)}</time>
          </span>
        </p>
      ) : null}
      <TreeTable base={base} rev={rev} path={path} entries={view.entries} />
      {view.readme ? (
        <section
          aria-labelledby="readme-heading"
          className="rounded-lg border border-zinc-200 dark:border-zinc-800"
        >
          <h2
            id="readme-heading"
            className="border-b border-zinc-200 px-4 py-2 font-mono text-sm font-semibold dark:border-zinc-800"
          >
            {view.readme.path.split("/").pop()}
          </h2>
          {view.readme.html !== undefined ? (
            <div
              className="prose-forge px-4 py-3"
              data-testid="readme"
              dangerouslySetInnerHTML={{ __html: view.readme.html }}
            />
          ) : (
            <pre
              className="overflow-x-auto px-4 py-3 text-sm whitespace-pre-wrap"
              data-testid="readme"
            >
              {view.readme.text}
            </pre>
          )}
        </section>
      ) : null}
    </div>
  );
}
