import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CodeNav } from "@/components/code/code-nav";
import { CompareForm } from "@/components/code/compare-form";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { codeComparePath, codePath } from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { explained, loadCode, refNames } from "../code-route";

export const metadata: Metadata = { title: "Compare" };

/** Picks two revisions; with both given (the form's GET), goes to their comparison. */
export default async function ComparePickPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams>;
  searchParams: Promise<{ base?: string; head?: string }>;
}) {
  const { base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const search = await searchParams;
  if (search.base?.trim() && search.head?.trim()) {
    redirect(codeComparePath(base, search.base.trim(), search.head.trim()));
  }
  const read = await explained(() => refNames(repository));
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  const { branches, tags } = read.value;
  const other = branches.find((name) => name !== repository.defaultRef) ?? repository.defaultRef;
  return (
    <div className="space-y-4">
      <CodeNav base={base} rev={repository.defaultRef} />
      <h2 className="text-lg font-semibold">Compare</h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        See what one branch, tag or commit (the head) adds to another (the base), and open a merge
        request from it.
      </p>
      <CompareForm
        action={codeComparePath(base)}
        base={repository.defaultRef}
        head={other}
        names={[...branches, ...tags]}
      />
    </div>
  );
}
