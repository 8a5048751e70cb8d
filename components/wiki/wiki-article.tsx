import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { WikiPage } from "@/lib/generated/prisma/client";
import { wikiPagePath } from "@/lib/forge/routes";
import { renderWiki, type WikiRenderContext } from "@/lib/forge/wiki/render";
import type { WikiBase } from "@/lib/forge/wiki/state";
import { when, wikiProseClass } from "./format";
import { RevisionNotice } from "./revision-notice";
import { WikiPageTools, type WikiPageActions } from "./wiki-page-tools";

/** One page as readers see it, with its tools for those signed in. */
export function WikiArticle({
  page,
  projectBase,
  context,
  base,
  canEdit,
  ...actions
}: WikiPageActions & {
  page: WikiPage;
  projectBase: string;
  context: WikiRenderContext;
  base: WikiBase;
  canEdit: boolean;
}) {
  const href = wikiPagePath(projectBase, page.slug);
  return (
    <article className="space-y-4" data-testid="wiki-page" data-revision={page.revision}>
      <header className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="text-2xl font-semibold tracking-tight" data-testid="wiki-title">
            {page.title}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="wiki-meta">
            Revision {page.revision} · edited by{" "}
            <span className="font-medium text-zinc-800 dark:text-zinc-200">
              {page.publisher || page.authorName || "unknown"}
            </span>{" "}
            on {when(page.updated)}
            {page.summary ? <> · “{page.summary}”</> : null}
          </p>
        </div>
        <nav aria-label="Page" className="flex gap-2">
          {canEdit ? (
            <Link href={`${href}/edit`} className={buttonClass("primary")} aria-keyshortcuts="e">
              Edit
            </Link>
          ) : null}
          <Link href={`${href}/history`} className={buttonClass("secondary")}>
            History
          </Link>
        </nav>
      </header>
      <RevisionNotice key={page.id} revision={page.revision} publisher={page.publisher} />
      <div
        data-testid="wiki-body"
        className={`${wikiProseClass} rounded-lg border border-zinc-200 p-4 dark:border-zinc-800`}
        dangerouslySetInnerHTML={{
          __html: renderWiki(page.markdown, context) || "<p><em>This page is empty.</em></p>",
        }}
      />
      {canEdit ? (
        <WikiPageTools
          key={page.id}
          projectId={page.projectId}
          slug={page.slug}
          title={page.title}
          base={base}
          {...actions}
        />
      ) : null}
    </article>
  );
}
