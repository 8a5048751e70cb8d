import { notFound } from "next/navigation";
import { wikiSlugs } from "@/lib/cache/wiki";
import { WikiSlugSchema } from "@/lib/forge/wiki/links";
import { wikiPath } from "@/lib/forge/routes";
import type { WikiRenderContext } from "@/lib/forge/wiki/render";
import { pageDigest, type WikiBase } from "@/lib/forge/wiki/state";

/** The page slug of a `[page]` segment, or a 404 for anything that cannot be one. */
export function slugParam(raw: string): string {
  let slug: string;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    notFound();
  }
  if (!WikiSlugSchema.safeParse(slug).success) notFound();
  return slug;
}

/** How links render in this project's wiki: which pages exist is read once per request. */
export async function renderContext(
  projectId: string,
  projectBase: string,
): Promise<WikiRenderContext> {
  const slugs = await wikiSlugs(projectId);
  return { wikiBase: wikiPath(projectBase), exists: (slug) => slugs.has(slug) };
}

/** What an editor, a rename or a delete started from. */
export function baseOf(page: { revision: number; title: string; markdown: string }): WikiBase {
  return { revision: page.revision, digest: pageDigest(page) };
}
