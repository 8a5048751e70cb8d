import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { findWikiPage } from "@/lib/cache/wiki";
import { HOME_SLUG, HOME_TITLE } from "@/lib/forge/wiki/links";
import { wikiPageLink, wikiPagePath, wikiPath } from "@/lib/forge/routes";
import { renderWiki } from "@/lib/forge/wiki/render";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { WikiEditor } from "@/components/wiki/wiki-editor";
import { previewWikiAction, saveWikiAction } from "../../actions";
import { baseOf, renderContext, slugParam } from "../../wiki-data";

export const metadata: Metadata = { title: "Edit page" };

export default async function EditWikiPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { page: string }>;
  searchParams: Promise<{ title?: string }>;
}) {
  const { project, viewer, base } = await loadProject(params);
  const slug = slugParam((await params).page);
  const href = wikiPagePath(base, slug);
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`${href}/edit`)}`);
  const page = await findWikiPage(project.id, slug);
  const hinted = (await searchParams).title?.trim().slice(0, 200);
  const title = page?.title ?? (hinted || (slug === HOME_SLUG ? HOME_TITLE : slug));
  const markdown = page?.markdown ?? "";
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">
        {page ? `Editing “${page.title}”` : `New page “${title}”`}
      </h2>
      <WikiEditor
        projectId={project.id}
        slug={slug}
        title={title}
        markdown={markdown}
        base={page ? baseOf(page) : { revision: 0, digest: "" }}
        latest={page ? { revision: page.revision, publisher: page.publisher } : null}
        previewHtml={renderWiki(markdown, await renderContext(project.id, base))}
        cancelHref={page ? wikiPageLink(base, slug) : wikiPath(base)}
        saveAction={saveWikiAction}
        previewAction={previewWikiAction}
      />
    </div>
  );
}
