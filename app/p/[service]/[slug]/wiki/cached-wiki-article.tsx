import type { ComponentProps } from "react";
import { WikiArticle } from "@/components/wiki/wiki-article";
import { deleteWikiAction, renameWikiAction } from "./actions";
import { baseOf, renderContext } from "./wiki-data";

/** A cached page as the wiki's routes show it, with the actions that rename or delete it. */
export async function CachedWikiArticle({
  page,
  projectId,
  projectBase,
  canEdit,
}: {
  page: ComponentProps<typeof WikiArticle>["page"];
  projectId: string;
  projectBase: string;
  canEdit: boolean;
}) {
  return (
    <WikiArticle
      page={page}
      projectBase={projectBase}
      context={await renderContext(projectId, projectBase)}
      base={baseOf(page)}
      canEdit={canEdit}
      renameAction={renameWikiAction}
      deleteAction={deleteWikiAction}
    />
  );
}
