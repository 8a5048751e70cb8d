import type { Metadata } from "next";
import Link from "next/link";
import { CodeNav } from "@/components/code/code-nav";
import { CommitHeader } from "@/components/code/commit-header";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { DiffView } from "@/components/diff/diff-view";
import { Alert } from "@/components/ui/alert";
import { commitWithDiff } from "@/lib/forge/code/history";
import { codeCommitPath, codeFilePath, codePath } from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { explained, loadCode, revisionAndPath } from "../../code-route";

export const metadata: Metadata = { title: "Commit" };

/** One commit and its diff against its first parent. */
export default async function CommitPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { id: string }>;
  searchParams: Promise<{ view?: string }>;
}) {
  const { base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const at = revisionAndPath((await params).id);
  if (!at) return <CodeProblem problem="This address is not well formed." back={codePath(base)} />;
  const read = await explained(() => commitWithDiff(repository, at.rev));
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  const { commit, files, truncated } = read.value;
  const split = (await searchParams).view === "split";
  const self = codeCommitPath(base, commit.id);
  return (
    <div className="space-y-4">
      <CodeNav base={base} rev={commit.id} />
      <CommitHeader base={base} commit={commit} />
      <nav aria-label="Diff layout" className="flex gap-3 text-sm">
        {(["unified", "split"] as const).map((layout) => (
          <Link
            key={layout}
            href={layout === "split" ? `${self}?view=split` : self}
            aria-current={split === (layout === "split") ? "true" : undefined}
            className="capitalize aria-[current=true]:font-semibold"
          >
            {layout}
          </Link>
        ))}
      </nav>
      {truncated ? (
        <Alert tone="warning">
          This commit&apos;s diff is too large to show whole: only the first {files.length} files
          are shown. Browse the files, or clone the repository for the rest.
        </Alert>
      ) : null}
      <DiffView
        files={files}
        mode={split ? "split" : "unified"}
        label={`Changes in ${commit.id.slice(0, 12)}`}
        fileLink={(file) => {
          if (file.status !== "deleted") {
            return { href: codeFilePath(base, commit.id, file.newPath), text: "View file" };
          }
          const parent = commit.parents[0];
          return parent
            ? { href: codeFilePath(base, parent, file.oldPath), text: "View before" }
            : undefined;
        }}
      />
    </div>
  );
}
