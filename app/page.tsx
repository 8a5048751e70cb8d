import Link from "next/link";
import { listPublicProjects } from "@/lib/cache/projects";
import { currentViewer } from "@/lib/http/browser-session";
import { buttonClass } from "@/components/ui/button";
import { OpenProjectForm } from "./open-project-form";
import { projectPath } from "@/lib/forge/routes";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [viewer, projects] = await Promise.all([currentViewer(), listPublicProjects()]);
  return (
    <div className="space-y-8">
      <section className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {viewer ? `Welcome, ${viewer.jid}` : "Pubforge"}
          </h1>
          <p className="mt-1 max-w-2xl text-zinc-600 dark:text-zinc-400">
            A code forge whose tickets, merge requests and wiki live on XMPP pubsub nodes, so a
            project federates across servers the way email does.
          </p>
        </div>
        {viewer ? (
          <Link href="/projects/new" className={buttonClass("primary")}>
            New project
          </Link>
        ) : (
          <Link href="/signin" className={buttonClass("primary")}>
            Sign in to contribute
          </Link>
        )}
      </section>

      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading" className="mb-3 text-lg font-semibold">
          Projects on this instance
        </h2>
        {projects.length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">
            No projects yet. Create one, or open one by its address below.
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {projects.map((project) => (
              <li
                key={project.id}
                className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3"
              >
                <Link
                  href={projectPath(project.id)}
                  className="font-medium text-accent-600 hover:underline dark:text-accent-300"
                >
                  {project.name}
                </Link>
                <span className="text-sm text-zinc-600 dark:text-zinc-400">{project.service}</span>
                <span className="ml-auto text-sm text-zinc-600 dark:text-zinc-400">
                  {project.openTickets} open {project.openTickets === 1 ? "ticket" : "tickets"}
                </span>
                {project.description ? (
                  <p className="basis-full text-sm text-zinc-700 dark:text-zinc-300">
                    {project.description}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="max-w-2xl">
        <OpenProjectForm />
      </section>
    </div>
  );
}
