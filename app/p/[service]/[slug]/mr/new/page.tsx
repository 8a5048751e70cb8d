import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MergeRequestForm } from "@/components/forge/merge-request-form";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { newMergeRequestPath } from "@/lib/forge/routes";
import { openMergeRequestAction, previewMergeRequestAction } from "../actions";

export const metadata: Metadata = { title: "New merge request" };

/** What a link may fill in (the code browser's "Open merge request" does); the person still previews. */
type Prefill = { sourceUrl?: string; sourceRef?: string; targetBranch?: string };

export default async function NewMergeRequestPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams>;
  searchParams: Promise<Prefill>;
}) {
  const { project, viewer, base } = await loadProject(params);
  const { sourceUrl, sourceRef, targetBranch } = await searchParams;
  const from =
    sourceUrl && sourceRef && targetBranch ? { sourceUrl, sourceRef, targetBranch } : undefined;
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(newMergeRequestPath(base, from))}`);
  return (
    <div className="max-w-3xl">
      <h2 className="mb-4 text-lg font-semibold">New merge request</h2>
      <MergeRequestForm
        projectId={project.id}
        defaultSource={from?.sourceUrl ?? project.cloneUrl}
        defaultSourceRef={from?.sourceRef}
        defaultTarget={from?.targetBranch ?? project.defaultBranch}
        previewAction={previewMergeRequestAction}
        openAction={openMergeRequestAction}
      />
    </div>
  );
}
