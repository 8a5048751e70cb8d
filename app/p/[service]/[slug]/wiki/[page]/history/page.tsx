import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { findWikiPage, wikiHistory } from "@/lib/cache/wiki";
import { wikiPagePath } from "@/lib/forge/routes";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { buttonClass } from "@/components/ui/button";
import { when } from "@/components/wiki/format";
import { slugParam } from "../../wiki-data";

export const metadata: Metadata = { title: "Page history" };

export default async function WikiHistoryPage({
  params,
}: {
  params: Promise<ProjectParams & { page: string }>;
}) {
  const { project, base } = await loadProject(params);
  const slug = slugParam((await params).page);
  const revisions = await wikiHistory(project.id, slug);
  const href = wikiPagePath(base, slug);
  if (revisions.length === 0) {
    // A page another client wrote without history items has a present but no past.
    const page = await findWikiPage(project.id, slug);
    if (!page) notFound();
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No revisions of{" "}
        <Link href={href} className="underline">
          “{page.title}”
        </Link>{" "}
        are recorded: it was written by a client that keeps no history.
      </p>
    );
  }
  const [newest, previous] = revisions;
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">
        History of{" "}
        <Link href={href} className="hover:underline">
          “{newest?.title}”
        </Link>
      </h2>
      <form method="get" action={`${href}/diff`} className="space-y-3">
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-sm" data-testid="wiki-history">
            <thead className="bg-zinc-50 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th className="px-2 py-1.5 font-medium">From</th>
                <th className="px-2 py-1.5 font-medium">To</th>
                <th className="px-2 py-1.5 font-medium">Revision</th>
                <th className="px-2 py-1.5 font-medium">Date</th>
                <th className="px-2 py-1.5 font-medium">Author</th>
                <th className="px-2 py-1.5 font-medium">Summary</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((revision) => (
                <tr
                  key={revision.id}
                  data-testid="wiki-revision"
                  data-revision={revision.revision}
                  className="border-t border-zinc-200 dark:border-zinc-800"
                >
                  <td className="px-2 py-1.5">
                    <input
                      type="radio"
                      name="from"
                      value={revision.revision}
                      defaultChecked={revision === previous}
                      aria-label={`Compare from revision ${revision.revision}`}
                    />
                  </td>
                  <td className="px-2 py-1.5">
                    <input
                      type="radio"
                      name="to"
                      value={revision.revision}
                      defaultChecked={revision === newest}
                      aria-label={`Compare to revision ${revision.revision}`}
                    />
                  </td>
                  <td className="px-2 py-1.5">
                    <Link
                      href={`${href}/revisions/${revision.revision}`}
                      className="text-accent-600 underline dark:text-accent-300"
                    >
                      {revision.revision}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-2 py-1.5">{when(revision.updated)}</td>
                  <td className="px-2 py-1.5" data-testid="wiki-revision-author">
                    {revision.publisher || "unknown"}
                    {revision.flagged ? (
                      <span
                        className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                        title={revision.flagged}
                      >
                        not verified: {revision.flagged}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-2 py-1.5" data-testid="wiki-revision-summary">
                    {revision.deleted ? (
                      <em>{revision.movedTo ? "Renamed" : "Deleted"}: </em>
                    ) : null}
                    {revision.summary}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {revisions.length > 1 ? (
          <button type="submit" className={buttonClass("secondary")}>
            Compare selected revisions
          </button>
        ) : null}
      </form>
    </div>
  );
}
