import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CodeHeader } from "@/components/code/code-header";
import { CodeLines, linesOf } from "@/components/code/code-lines";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { formatSize } from "@/components/code/tree-table";
import {
  isMarkdown,
  locate,
  rasterImageType,
  repositoryUrls,
  viewPath,
} from "@/lib/forge/code/browse";
import { renderMarkdown } from "@/lib/forge/markdown";
import { codeFilePath, codePath, codeRawPath, codeTreePath } from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { explained, loadCode, refNames, revisionAndPath } from "../../../code-route";

export const metadata: Metadata = { title: "File" };

const link = "text-accent-600 underline dark:text-accent-300";

/** One file at a revision: highlighted with line anchors, rendered if markdown, or offered raw. */
export default async function FilePage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { ref: string; path: string[] }>;
  searchParams: Promise<{ plain?: string }>;
}) {
  const { project, base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const at = revisionAndPath((await params).ref, (await params).path);
  if (!at) return <CodeProblem problem="This address is not well formed." back={codePath(base)} />;
  const { rev, path } = at;
  const read = await explained(async () => {
    const commit = await locate(repository, rev);
    const [view, refs] = await Promise.all([
      viewPath(repository, commit.id, path, base),
      refNames(repository),
    ]);
    return { commit, view, refs };
  });
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  const { commit, view, refs } = read.value;
  if (view.kind === "dir") redirect(codeTreePath(base, rev, path));
  if (view.kind === "missing") {
    return <CodeProblem problem={`There is no “${path}” in ${rev}.`} back={codePath(base)} />;
  }
  const { file, text } = view;
  const raw = codeRawPath(base, rev, path);
  const plain = (await searchParams).plain === "1";
  const rendered = text !== undefined && isMarkdown(path) && !plain;
  const image = rasterImageType(path);
  return (
    <div className="space-y-4">
      <CodeHeader
        base={base}
        rev={rev}
        view="blob"
        path={path}
        rootName={project.slug}
        {...refs}
        file={{ blameable: text !== undefined, commit: commit.id }}
      />
      <section
        aria-label={`File ${path}`}
        className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
      >
        <p
          className="flex flex-wrap items-center gap-x-3 border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
          data-testid="file-info"
        >
          {text !== undefined ? <span>{linesOf(text).length} lines</span> : null}
          <span>{formatSize(file.size)}</span>
          {file.executable ? <span>executable</span> : null}
          {file.kind === "symlink" ? <span>symbolic link</span> : null}
          {text !== undefined && isMarkdown(path) ? (
            <Link
              href={`${codeFilePath(base, rev, path)}${plain ? "" : "?plain=1"}`}
              className={`ml-auto ${link}`}
            >
              {plain ? "Show rendered" : "Show source"}
            </Link>
          ) : null}
        </p>
        {rendered ? (
          <div
            className="prose-forge px-4 py-3"
            data-testid="rendered-file"
            dangerouslySetInnerHTML={{
              __html: renderMarkdown(text, {
                projectPath: base,
                rewriteUrl: repositoryUrls(base, commit.id, path),
              }),
            }}
          />
        ) : text !== undefined ? (
          <CodeLines path={path} text={text} />
        ) : image && file.bytes ? (
          // eslint-disable-next-line @next/next/no-img-element -- a file from the repository, served by the raw route
          <img src={raw} alt={path} className="max-w-full p-3" />
        ) : (
          <p className="px-3 py-3 text-sm">
            {file.bytes
              ? `Binary file (${formatSize(file.size)}), not shown. `
              : `This file is too large to show here (${formatSize(file.size)}). `}
            <a href={raw} className={link}>
              Download it
            </a>
            .
          </p>
        )}
      </section>
    </div>
  );
}
