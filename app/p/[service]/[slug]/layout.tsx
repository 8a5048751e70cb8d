import Link from "next/link";
import { LiveRefresh } from "@/components/live-refresh";
import { HomeAwayBanner } from "@/components/forge/home-away-banner";
import { ReadOnlyProvider } from "@/components/forge/publishing-controls";
import { ProjectTabs } from "@/components/forge/project-tabs";
import { homeStatus } from "@/lib/forge/federation/instance";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<ProjectParams>;
}) {
  const { project, base, viewer } = await loadProject(params);
  const home = homeStatus(project.service);
  // Asking an unreachable service would hold every page until the request times out.
  const moderator =
    viewer && home.reachable
      ? await isProjectMaintainer(viewer, project, "instance-then-viewer-session")
      : false;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-xl font-semibold tracking-tight">
          <Link href={base} className="hover:underline">
            {project.name}
          </Link>
        </h1>
        <span
          className="rounded-full border border-zinc-300 px-2 py-0.5 text-xs text-zinc-700 dark:border-zinc-700 dark:text-zinc-300"
          title="The pubsub service where this project's data lives"
        >
          hosted on {project.service}
        </span>
        {project.accessModel !== "open" ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            members only
          </span>
        ) : null}
        <span className="ml-auto">
          <LiveRefresh projectId={project.id} />
        </span>
      </div>
      <ProjectTabs base={base} moderator={moderator} />
      {home.reachable ? null : (
        <HomeAwayBanner
          service={project.service}
          since={home.since}
          mirrorService={project.mirrorService}
          mirroredAt={project.mirroredAt}
        />
      )}
      <ReadOnlyProvider readOnly={!home.reachable}>{children}</ReadOnlyProvider>
    </div>
  );
}
