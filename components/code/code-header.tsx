import type { ReactNode } from "react";
import { codePath } from "@/lib/forge/routes";
import { Breadcrumbs } from "./breadcrumbs";
import { CodeNav } from "./code-nav";
import { RefSwitcher, type CodeView } from "./ref-switcher";

/** The top of every code page that shows a revision: sections, the branch or tag, the path. */
export function CodeHeader({
  base,
  rev,
  view,
  path = "",
  rootName,
  branches,
  tags,
  actions,
}: {
  base: string;
  rev: string;
  view: CodeView;
  path?: string;
  rootName: string;
  branches: readonly string[];
  tags: readonly string[];
  /** Links about what is shown (Raw, Blame, History…), at the end of the path line. */
  actions?: ReactNode;
}) {
  return (
    <div className="space-y-3">
      <CodeNav base={base} rev={rev} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <RefSwitcher
          action={`${codePath(base)}/switch`}
          view={view}
          path={path}
          current={rev}
          branches={branches}
          tags={tags}
        />
        {view === "commits" ? null : (
          <Breadcrumbs base={base} rev={rev} path={path} rootName={rootName} />
        )}
        {actions ? <div className="ml-auto flex flex-wrap gap-2 text-sm">{actions}</div> : null}
      </div>
    </div>
  );
}
