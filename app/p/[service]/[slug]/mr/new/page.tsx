import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MergeRequestForm } from "@/components/forge/merge-request-form";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { newMergeRequestPath } from "@/lib/forge/routes";
import { openMergeRequestAction, previewMergeRequestAction } from "../actions";

export const metadata: Metadata = { title: "New merge request" };

export default async function NewMergeRequestPage({ params }: { params: Promise<ProjectParams> }) {
  const { project, viewer, base } = await loadProject(params);
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(newMergeRequestPath(base))}`);
  return (
    <div className="max-w-3xl">
      <h2 className="mb-4 text-lg font-semibold">New merge request</h2>
      <MergeRequestForm
        projectId={project.id}
        defaultSource={project.cloneUrl}
        defaultTarget={project.defaultBranch}
        previewAction={previewMergeRequestAction}
        openAction={openMergeRequestAction}
      />
    </div>
  );
}
