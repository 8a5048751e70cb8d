import type { Metadata } from "next";
import { BlameTable } from "@/components/code/blame-table";
import { CodeHeader } from "@/components/code/code-header";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { formatSize } from "@/components/code/tree-table";
import { locate } from "@/lib/forge/code/browse";
import { blameOf, MAX_BLAMED_BYTES } from "@/lib/forge/code/history";
import { codePath, codeRawPath } from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { explained, loadCode, refNames, revisionAndPath } from "../../../code-route";

export const metadata: Metadata = { title: "Blame" };

const link = "text-accent-600 underline dark:text-accent-300";

/** Who last changed each line of a file, at a revision. */
export default async function BlamePage({
  params,
}: {
  params: Promise<ProjectParams & { ref: string; path: string[] }>;
}) {
  const { project, base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const at = revisionAndPath((await params).ref, (await params).path);
  if (!at) return <CodeProblem problem="This address is not well formed." back={codePath(base)} />;
  const { rev, path } = at;
  const read = await explained(async () => {
    const commit = await locate(repository, rev);
    const [view, refs] = await Promise.all([
      blameOf(repository, commit.id, path),
      refNames(repository),
    ]);
    return { view, refs };
  });
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  const { view, refs } = read.value;
  if (view.kind === "missing") {
    return <CodeProblem problem={`There is no file “${path}” in ${rev}.`} back={codePath(base)} />;
  }
  return (
    <div className="space-y-4">
      <CodeHeader
        base={base}
        rev={rev}
        view="blame"
        path={path}
        rootName={project.slug}
        {...refs}
      />
      <h2 className="sr-only">Blame of {path}</h2>
      {view.kind === "blame" ? (
        <BlameTable base={base} path={path} blame={view.blame} />
      ) : (
        <p className="text-sm">
          {view.file.binary
            ? "This is a binary file: it has no lines to blame. "
            : `This file (${formatSize(view.file.size)}) is larger than the ${formatSize(MAX_BLAMED_BYTES)} blamed here. `}
          <a href={codeRawPath(base, rev, path)} className={link}>
            Download it
          </a>
          .
        </p>
      )}
    </div>
  );
}
