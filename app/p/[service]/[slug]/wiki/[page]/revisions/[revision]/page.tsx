import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { findWikiPage, wikiHistory } from "@/lib/cache/wiki";
import { wikiPagePath } from "@/lib/forge/routes";
import { renderWiki } from "@/lib/forge/wiki/render";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { Alert } from "@/components/ui/alert";
import { when, wikiProseClass } from "@/components/wiki/format";
import { RestoreForm } from "@/components/wiki/restore-form";
import { restoreWikiAction } from "../../../actions";
import { renderContext, slugParam } from "../../../wiki-data";

export const metadata: Metadata = { title: "Old revision" };

export default async function WikiRevisionPage({
  params,
}: {
  params: Promise<ProjectParams & { page: string; revision: string }>;
}) {
  const { project, viewer, base } = await loadProject(params);
  const raw = await params;
  const slug = slugParam(raw.page);
  const number = z.coerce.number().int().min(1).safeParse(raw.revision);
  if (!number.success) notFound();
  // Looked up along the page's renames: revisions from before one live under the old name.
  const history = await wikiHistory(project.id, slug);
  const revision = history.find((row) => row.revision === number.data);
  if (!revision) notFound();
  const current = await findWikiPage(project.id, slug);
  const isCurrent = current?.revision === revision.revision;
  const href = wikiPagePath(base, slug);
  return (
    <article className="space-y-4">
      <header className="space-y-1">
        <h2 className="text-2xl font-semibold tracking-tight">{revision.title}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Revision {revision.revision} by {revision.publisher || "unknown"} on{" "}
          {when(revision.updated)}
          {revision.summary ? <> · “{revision.summary}”</> : null} ·{" "}
          <Link href={`${href}/history`} className="text-accent-600 underline dark:text-accent-300">
            history
          </Link>
        </p>
      </header>
      {revision.flagged ? (
        <Alert tone="warning">This revision is not verified: {revision.flagged}.</Alert>
      ) : null}
      {isCurrent ? (
        <Alert tone="info">
          This is the current revision of{" "}
          <Link href={href} className="underline">
            the page
          </Link>
          .
        </Alert>
      ) : viewer && !revision.deleted ? (
        <RestoreForm
          projectId={project.id}
          slug={slug}
          source={revision.slug}
          revision={revision.revision}
          action={restoreWikiAction}
        />
      ) : null}
      {revision.deleted ? (
        <p className="text-sm italic">
          {revision.movedTo
            ? `The page was renamed to “${revision.movedTo}”.`
            : "The page was deleted."}
        </p>
      ) : (
        <div
          className={`${wikiProseClass} rounded-lg border border-zinc-200 p-4 dark:border-zinc-800`}
          dangerouslySetInnerHTML={{
            __html: renderWiki(revision.markdown, await renderContext(project.id, base)),
          }}
        />
      )}
    </article>
  );
}
