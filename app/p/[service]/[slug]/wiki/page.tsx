import type { Metadata } from "next";
import Link from "next/link";
import { findWikiPage } from "@/lib/cache/wiki";
import { HOME_SLUG, HOME_TITLE } from "@/lib/forge/wiki/links";
import { wikiPagePath, wikiPath } from "@/lib/forge/routes";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { buttonClass } from "@/components/ui/button";
import { CachedWikiArticle } from "./cached-wiki-article";

export const metadata: Metadata = { title: "Wiki" };

/** The wiki's front door: its home page, or an offer to write it. */
export default async function WikiHome({ params }: { params: Promise<ProjectParams> }) {
  const { project, viewer, base } = await loadProject(params);
  const page = await findWikiPage(project.id, HOME_SLUG);
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
  return (
    <div className="space-y-3 rounded-lg border border-dashed border-zinc-300 p-6 dark:border-zinc-700">
      <h2 className="text-lg font-semibold">This wiki has no home page yet</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The home page is what everyone sees first here: a good place for what the project is and
        links to the other pages.
      </p>
      {viewer ? (
        <Link
          href={`${wikiPagePath(base, HOME_SLUG)}/edit?title=${HOME_TITLE}`}
          className={buttonClass("primary")}
        >
          Create the home page
        </Link>
      ) : (
        <p className="text-sm">
          <Link
            href={`/signin?next=${encodeURIComponent(wikiPath(base))}`}
            className="text-accent-600 underline dark:text-accent-300"
          >
            Sign in
          </Link>{" "}
          to write it.
        </p>
      )}
    </div>
  );
}
