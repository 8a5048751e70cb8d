import type { Metadata } from "next";
import Link from "next/link";
import { findWikiPage, latestWikiRevision } from "@/lib/cache/wiki";
import { wikiPagePath } from "@/lib/forge/routes";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { offerToPageCache } from "@/lib/http/page-cache-offer";
import { buttonClass } from "@/components/ui/button";
import { when } from "@/components/wiki/format";
import { CachedWikiArticle } from "../cached-wiki-article";
import { slugParam } from "../wiki-data";

export const metadata: Metadata = { title: "Wiki" };

type Params = ProjectParams & { page: string };

export default async function WikiPageRoute({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ title?: string }>;
}) {
  const loaded = await loadProject(params);
  const { project, viewer, base } = loaded;
  await offerToPageCache(loaded);
  const slug = slugParam((await params).page);
  const page = await findWikiPage(project.id, slug);
  if (page) {
    return (
      <CachedWikiArticle
        page={page}
        projectId={project.id}
        projectBase={base}
        canEdit={viewer !== null}
      />
    );
  }
  // A page not written yet (a red link), or one that was deleted or renamed.
  const last = await latestWikiRevision(project.id, slug);
  const title = (await searchParams).title?.slice(0, 200) || last?.title || slug;
  const href = wikiPagePath(base, slug);
  return (
    <div
      data-testid="wiki-missing"
      className="space-y-3 rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-700"
    >
      <h2 className="text-lg font-semibold">“{title}” does not exist yet</h2>
      {last?.movedTo ? (
        <p className="text-sm">
          It was renamed: it is now{" "}
          <Link
            href={wikiPagePath(base, last.movedTo)}
            className="text-accent-600 underline dark:text-accent-300"
          >
            {last.movedTo}
          </Link>
          .
        </p>
      ) : last?.deleted ? (
        <p className="text-sm">
          {last.publisher || "Someone"} deleted it on {when(last.updated)}.{" "}
          <Link href={`${href}/history`} className="text-accent-600 underline dark:text-accent-300">
            Its history
          </Link>{" "}
          is kept; an old revision can be restored from there.
        </p>
      ) : null}
      {viewer ? (
        <Link
          href={`${href}/edit?title=${encodeURIComponent(title)}`}
          className={buttonClass("primary")}
        >
          Create this page
        </Link>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Sign in to create it.</p>
      )}
    </div>
  );
}
