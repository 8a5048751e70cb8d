import type { Metadata } from "next";
import { CodeNav } from "@/components/code/code-nav";
import { RefTable } from "@/components/code/ref-table";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { refTips } from "@/lib/forge/code/browse";
import { codePath } from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { explained, loadCode } from "../code-route";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage({ params }: { params: Promise<ProjectParams> }) {
  const { base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const read = await explained(() => refTips(repository, "tag"));
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  return (
    <div className="space-y-4">
      <CodeNav base={base} rev={repository.defaultRef} />
      <h2 className="text-lg font-semibold">Tags</h2>
      {read.value.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">This repository has no tags yet.</p>
      ) : (
        <RefTable base={base} kind="tag" tips={read.value} defaultRef={repository.defaultRef} />
      )}
    </div>
  );
}
