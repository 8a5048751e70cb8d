import type { Metadata } from "next";
import { RepositoryNotice } from "@/components/code/repository-notice";
import type { ProjectParams } from "@/lib/http/project-route";
import { loadCode } from "./code-route";
import { TreePage } from "./tree-page";

export const metadata: Metadata = { title: "Code" };

/** The code browser's front page: the default branch's root directory and README. */
export default async function CodePage({ params }: { params: Promise<ProjectParams> }) {
  const { project, base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  return (
    <TreePage
      base={base}
      repository={repository}
      rev={repository.defaultRef}
      path=""
      rootName={project.slug}
    />
  );
}
