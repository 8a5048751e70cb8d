import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { wikiHistory } from "@/lib/cache/wiki";
import type { WikiRevision } from "@/lib/generated/prisma/client";
import { diffStats, lineDiff } from "@/lib/forge/wiki/diff";
import { wikiPagePath } from "@/lib/forge/routes";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { when } from "@/components/wiki/format";
import { WikiDiffTable } from "@/components/wiki/wiki-diff-table";
import { slugParam } from "../../wiki-data";

export const metadata: Metadata = { title: "Compare revisions" };

const Revision = z.coerce.number().int().min(1);

function Side({ revision, label }: { revision: WikiRevision; label: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <div className="font-medium">
        {label}: revision {revision.revision}
        {revision.deleted ? " (deleted)" : ""}
      </div>
      <div className="text-zinc-600 dark:text-zinc-400">
        {revision.publisher || "unknown"} · {when(revision.updated)}
      </div>
      {revision.summary ? <div className="truncate">“{revision.summary}”</div> : null}
    </div>
  );
}

export default async function WikiDiffPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { page: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const { project, base } = await loadProject(params);
  const slug = slugParam((await params).page);
  const search = await searchParams;
  const [a, b] = [Revision.safeParse(search.from), Revision.safeParse(search.to)];
  if (!a.success || !b.success) notFound();
  const history = await wikiHistory(project.id, slug);
  const [from, to] = [Math.min(a.data, b.data), Math.max(a.data, b.data)].map((n) =>
    history.find((revision) => revision.revision === n),
  );
  if (!from || !to) notFound();
  const rows = lineDiff(from.markdown, to.markdown);
  const { added, removed } = diffStats(rows);
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">
        Changes to “{to.title}”{" "}
        <Link
          href={`${wikiPagePath(base, slug)}/history`}
          className="text-sm font-normal text-accent-600 underline dark:text-accent-300"
        >
          back to the history
        </Link>
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <Side revision={from} label="From" />
        <Side revision={to} label="To" />
      </div>
      {from.title !== to.title ? (
        <p className="text-sm" data-testid="wiki-title-change">
          Title: “{from.title}” → “{to.title}”
        </p>
      ) : null}
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="wiki-diff-stats">
        {added} {added === 1 ? "line" : "lines"} added, {removed} removed
      </p>
      <WikiDiffTable
        rows={rows}
        label={`Changes from revision ${from.revision} to revision ${to.revision}`}
      />
    </div>
  );
}
