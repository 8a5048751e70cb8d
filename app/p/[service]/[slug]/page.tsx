import Link from "next/link";
import { listTickets } from "@/lib/cache/tickets";
import { newTicketPath, ticketPath } from "@/lib/forge/routes";
import { projectNodes } from "@/lib/forge/nodes";
import { isOpenTicket } from "@/lib/forge/statuses";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { MaintainerForm } from "@/components/forge/maintainer-form";
import { MaintainerList } from "@/components/forge/maintainer-list";
import { MirrorPanel } from "@/components/forge/mirror-panel";
import { instancePubsubService, isManagedService } from "@/lib/forge/federation/instance";
import { mirrorProgress } from "@/lib/forge/federation/mirror";
import { projectRights } from "@/lib/forge/projects/operations";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { StatusBadge } from "@/components/forge/status-badge";
import { cloneAddress } from "@/lib/forge/repositories/clone-address";
import { repositoryMirrorView } from "@/lib/forge/repositories/mirror-view";
import { RepositoryMirrorStatus } from "@/components/forge/repository-mirror-status";
import { publicOrigin } from "@/lib/http/origin";
import { WatchButton } from "@/components/forge/watch-button";
import { isWatching } from "@/lib/forge/notifications/operations";
import { setWatchAction } from "@/app/inbox/actions";
import { mirrorProjectAction, setMaintainerAction } from "./actions";

export default async function ProjectOverview({ params }: { params: Promise<ProjectParams> }) {
  const { project, viewer, base } = await loadProject(params);
  const [{ tickets, countsByStatus }, rights, mirrors, watching] = await Promise.all([
    listTickets(project.id, { limit: 5 }),
    viewer ? projectRights(viewer, project.id) : undefined,
    repositoryMirrorView(project.id),
    viewer ? isWatching(viewer, project.id) : false,
  ]);
  // Only the project's owners and maintainers are offered a mirror (mirrorProject checks).
  const offerService =
    viewer &&
    project.accessModel === "open" &&
    !project.mirrorService &&
    !isManagedService(project.service) &&
    (await isProjectMaintainer(viewer, project, "trusted-readings"))
      ? instancePubsubService()
      : undefined;
  const clone = cloneAddress(project, await publicOrigin());
  const uri = formatXmppUri({ jid: project.service, node: projectNodes(project.slug).info });
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <section className="space-y-4 md:col-span-2">
        {project.description ? (
          <p className="whitespace-pre-line text-zinc-800 dark:text-zinc-200">
            {project.description}
          </p>
        ) : null}
        <div>
          <h2 className="mb-2 font-semibold">Recently updated tickets</h2>
          {tickets.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              No tickets yet.{" "}
              <Link
                className="text-accent-600 underline dark:text-accent-300"
                href={newTicketPath(base)}
              >
                File the first one
              </Link>
              .
            </p>
          ) : (
            <ul className="space-y-1">
              {tickets.map((t) => (
                <li key={t.id} className="flex items-center gap-2 text-sm">
                  <StatusBadge status={t.status} />
                  <Link className="hover:underline" href={ticketPath(base, t)}>
                    {t.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <aside className="space-y-3 text-sm">
        {viewer ? (
          <WatchButton
            target={project.id}
            watching={watching}
            what="this project"
            action={setWatchAction}
          />
        ) : null}
        <dl className="space-y-2">
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Version control</dt>
            <dd>
              {project.scm === "hg" ? "Mercurial" : "Git"}, default branch {project.defaultBranch}
            </dd>
          </div>
          {clone ? (
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">
                <label htmlFor="clone-address">Clone</label>
              </dt>
              <dd>
                <input
                  id="clone-address"
                  readOnly
                  value={clone}
                  className="w-full rounded border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
                />
              </dd>
            </div>
          ) : null}
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Open tickets</dt>
            <dd>
              {Object.entries(countsByStatus)
                .filter(([status]) => isOpenTicket(status))
                .reduce((n, [, c]) => n + c, 0)}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">XMPP address</dt>
            <dd className="break-all font-mono text-xs">{uri}</dd>
          </div>
        </dl>
        <RepositoryMirrorStatus view={mirrors} cloneUrl={project.cloneUrl} />
        {project.mirrorService || offerService ? (
          <section className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <h2 className="mb-1 font-medium">Mirror</h2>
            <MirrorPanel
              projectId={project.id}
              mirrorService={project.mirrorService}
              mirroredAt={project.mirroredAt?.toISOString() ?? null}
              progress={mirrorProgress(project.id)}
              offerService={offerService}
              mirrorAction={mirrorProjectAction}
            />
          </section>
        ) : null}
        {viewer && rights ? (
          <details className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <summary className="cursor-pointer font-medium">Maintainers</summary>
            <p className="my-2 text-zinc-600 dark:text-zinc-400">
              Rights are pubsub affiliations on the project&apos;s nodes; only owners may change
              them.
            </p>
            <MaintainerList rights={rights} />
            <MaintainerForm projectId={project.id} action={setMaintainerAction} />
          </details>
        ) : null}
      </aside>
    </div>
  );
}
