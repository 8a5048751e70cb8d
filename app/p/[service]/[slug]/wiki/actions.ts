"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { wikiSlugs } from "@/lib/cache/wiki";
import { canViewProject } from "@/lib/forge/projects/access";
import {
  deleteWikiPage,
  renameWikiPage,
  restoreWikiRevision,
  saveWikiPage,
  startWikiPage,
} from "@/lib/forge/wiki/operations";
import { projectPath, wikiPageLink, wikiPagePath, wikiPath } from "@/lib/forge/routes";
import { renderWiki } from "@/lib/forge/wiki/render";
import { WikiConflictError } from "@/lib/forge/wiki/state";
import { formValues, withViewer } from "@/lib/http/form-action";
import type { WikiFormState } from "@/lib/http/form-state";
import { currentViewer } from "@/lib/http/browser-session";

const field = (form: FormData, name: string) => String(form.get(name) ?? "");

function pageUrl(projectId: string, slug: string, rest = ""): string {
  const project = projectPath(projectId);
  return rest ? `${wikiPagePath(project, slug)}${rest}` : wikiPageLink(project, slug);
}

/**
 * Saves the editor; on a conflict nothing is published and both versions come back, for the
 * editor to show side by side (delete and rename, which have no text to compare, only say so).
 */
export async function saveWikiAction(_: WikiFormState, form: FormData): Promise<WikiFormState> {
  const projectId = field(form, "projectId");
  let saved = "";
  const state = await withViewer<WikiFormState>(form, async (viewer) => {
    try {
      ({ slug: saved } = await saveWikiPage(viewer, {
        projectId,
        slug: field(form, "slug"),
        title: field(form, "title"),
        markdown: field(form, "markdown"),
        summary: field(form, "summary"),
        baseRevision: field(form, "baseRevision"),
        baseDigest: field(form, "baseDigest"),
      }));
    } catch (error) {
      if (!(error instanceof WikiConflictError)) throw error;
      return { conflict: error.conflict, values: formValues(form) };
    }
  });
  if (!saved) return state;
  revalidatePath("/p", "layout");
  redirect(pageUrl(projectId, saved));
}

export async function restoreWikiAction(_: WikiFormState, form: FormData): Promise<WikiFormState> {
  const projectId = field(form, "projectId");
  const slug = field(form, "slug");
  const state = await withViewer<WikiFormState>(form, async (viewer) => {
    await restoreWikiRevision(viewer, {
      projectId,
      slug,
      source: field(form, "source") || slug,
      revision: field(form, "revision"),
    });
  });
  if (state.error) return state;
  revalidatePath("/p", "layout");
  redirect(pageUrl(projectId, slug));
}

export async function deleteWikiAction(_: WikiFormState, form: FormData): Promise<WikiFormState> {
  const projectId = field(form, "projectId");
  const state = await withViewer<WikiFormState>(form, async (viewer) => {
    await deleteWikiPage(viewer, {
      projectId,
      slug: field(form, "slug"),
      summary: field(form, "summary"),
      baseRevision: field(form, "baseRevision"),
      baseDigest: field(form, "baseDigest"),
    });
  });
  if (state.error) return state;
  revalidatePath("/p", "layout");
  redirect(wikiPath(projectPath(projectId)));
}

export async function renameWikiAction(_: WikiFormState, form: FormData): Promise<WikiFormState> {
  const projectId = field(form, "projectId");
  let renamed = "";
  const state = await withViewer<WikiFormState>(form, async (viewer) => {
    renamed = await renameWikiPage(viewer, {
      projectId,
      slug: field(form, "slug"),
      title: field(form, "title"),
      baseRevision: field(form, "baseRevision"),
      baseDigest: field(form, "baseDigest"),
    });
  });
  if (!renamed) return state;
  revalidatePath("/p", "layout");
  redirect(pageUrl(projectId, renamed));
}

/** "New page": from a title to its editor (or to the page, when it exists already). */
export async function startPageAction(_: WikiFormState, form: FormData): Promise<WikiFormState> {
  const projectId = field(form, "projectId");
  let page: { slug: string; title: string; exists: boolean } | undefined;
  const state = await withViewer<WikiFormState>(form, async (viewer) => {
    page = await startWikiPage(viewer, projectId, field(form, "title"));
  });
  if (!page) return state;
  redirect(
    page.exists
      ? pageUrl(projectId, page.slug)
      : pageUrl(projectId, page.slug, `/edit?title=${encodeURIComponent(page.title)}`),
  );
}

const PreviewSchema = z.object({
  projectId: z.string().min(1).max(400),
  markdown: z.string().max(200_000),
});

/** The editor's live preview: the same sanitising renderer as the page itself. */
export async function previewWikiAction(projectId: string, markdown: string): Promise<string> {
  const input = PreviewSchema.safeParse({ projectId, markdown });
  if (!input.success) return "";
  if (!(await canViewProject(input.data.projectId, await currentViewer()))) return "";
  const slugs = await wikiSlugs(input.data.projectId);
  return renderWiki(input.data.markdown, {
    wikiBase: wikiPath(projectPath(input.data.projectId)),
    exists: (slug) => slugs.has(slug),
  });
}
