import type { Metadata } from "next";
import { isMaintainer } from "@/lib/forge/moderation/rights";
import { allowedMergeStrategies } from "@/lib/forge/projects/merge-strategies";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { MergeStrategiesForm } from "@/components/forge/merge-strategies-form";
import { setMergeStrategiesAction } from "../actions";

export const metadata: Metadata = { title: "Settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<ProjectParams> }) {
  const { project, viewer } = await loadProject(params);
  if (!viewer || !(await isMaintainer(viewer, project))) {
    return (
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="settings-refused">
        Only the project&apos;s maintainers (its owners and publishers) change its settings.{" "}
        {viewer ? "Ask an owner for rights if you should." : "Sign in if you are one."}
      </p>
    );
  }
  return (
    <section aria-labelledby="merge-strategies-heading" className="max-w-xl space-y-3">
      <h2 id="merge-strategies-heading" className="text-lg font-semibold">
        Merge strategies
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        How merge requests may land on their target branch. The merge box offers only these, and
        only those that would work at that moment.
      </p>
      <MergeStrategiesForm
        projectId={project.id}
        allowed={[...allowedMergeStrategies(project)]}
        action={setMergeStrategiesAction}
      />
    </section>
  );
}
