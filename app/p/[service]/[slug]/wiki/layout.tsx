import Link from "next/link";
import { listWikiPages } from "@/lib/cache/wiki";
import { projectNodes } from "@/lib/forge/nodes";
import { rejectedItems } from "@/lib/forge/sync/rejections";
import { searchPath, wikiPageLink, wikiPath } from "@/lib/forge/routes";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { NewPageForm } from "@/components/wiki/new-page-form";
import { Alert } from "@/components/ui/alert";
import { inputClass } from "@/components/ui/field";
import { startPageAction } from "./actions";

/** Every wiki page shares the index beside it: all pages, a search box, "New page". */
export default async function WikiLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<ProjectParams>;
}) {
  const { project, viewer, base } = await loadProject(params);
  const pages = await listWikiPages(project.id);
  const nodes = projectNodes(project.slug);
  // Items another client wrote in a shape Pubforge cannot read are named, not silently hidden.
  const unreadable = rejectedItems(project.id).filter(
    (item) => item.node === nodes.wiki || item.node === nodes.wikiHistory,
  );
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_15rem]">
      <div className="min-w-0 space-y-4">
        {unreadable.length ? (
          <Alert tone="warning">
            {unreadable.length} wiki {unreadable.length === 1 ? "item" : "items"} could not be read:
            <ul className="mt-1 list-disc pl-5" data-testid="wiki-unreadable">
              {unreadable.slice(0, 5).map((item) => (
                <li key={`${item.node}/${item.itemId}`}>
                  <code>{item.itemId}</code>: {item.reason}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {children}
      </div>
      <aside className="space-y-5 text-sm">
        <form method="get" action={searchPath(base)} role="search">
          <label htmlFor="wiki-search" className="sr-only">
            Search the wiki and tickets
          </label>
          <input
            id="wiki-search"
            name="q"
            type="search"
            placeholder="Search wiki and tickets"
            className={inputClass}
          />
        </form>
        <nav aria-labelledby="wiki-index-heading" className="space-y-1">
          <h2 id="wiki-index-heading" className="font-semibold">
            <Link href={wikiPath(base)} className="hover:underline">
              Pages
            </Link>{" "}
            <span className="font-normal text-zinc-600 dark:text-zinc-400">{pages.length}</span>
          </h2>
          {pages.length === 0 ? (
            <p className="text-zinc-600 dark:text-zinc-400">No pages yet.</p>
          ) : (
            <ul className="space-y-0.5" data-testid="wiki-index">
              {pages.map((page) => (
                <li key={page.id}>
                  <Link
                    href={wikiPageLink(base, page.slug)}
                    className="block truncate rounded px-1.5 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                    title={page.title}
                  >
                    {page.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
        {viewer ? <NewPageForm projectId={project.id} action={startPageAction} /> : null}
      </aside>
    </div>
  );
}
