import type { Metadata } from "next";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { codePath } from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { loadCode, revisionAndPath } from "../../../code-route";
import { TreePage } from "../../../tree-page";

export const metadata: Metadata = { title: "Code" };

export default async function TreeRoute({
  params,
}: {
  params: Promise<ProjectParams & { ref: string; path?: string[] }>;
}) {
  const { project, base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const { ref, path } = await params;
  const at = revisionAndPath(ref, path);
  if (!at) return <CodeProblem problem="This address is not well formed." back={codePath(base)} />;
  return (
    <TreePage
      base={base}
      repository={repository}
      rev={at.rev}
      path={at.path}
      rootName={project.slug}
    />
  );
}
