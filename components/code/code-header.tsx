import Link from "next/link";
import {
  codeBlamePath,
  codeFilePath,
  codeLogPath,
  codePath,
  codeRawPath,
} from "@/lib/forge/routes";
import { Breadcrumbs } from "./breadcrumbs";
import { CodeNav } from "./code-nav";
import { RefSwitcher, type CodeView } from "./ref-switcher";

const link = "text-accent-600 underline dark:text-accent-300";

/** What a file's page knows that decides its links. */
export interface ShownFile {
  /** It has lines (text), so Blame has something to show. */
  blameable: boolean;
  /** The commit the revision names now: a Permalink is offered when the revision is a name. */
  commit: string;
}

/**
 * The top of every code page that shows a revision: sections, the branch or tag, the path, and
 * the links about what is shown (the file raw, blamed or its history), which follow from the
 * view so that every page offers the same ones.
 */
export function CodeHeader({
  base,
  rev,
  view,
  path = "",
  rootName,
  branches,
  tags,
  file,
}: {
  base: string;
  rev: string;
  view: CodeView;
  path?: string;
  rootName: string;
  branches: readonly string[];
  tags: readonly string[];
  /** On the file page only. */
  file?: ShownFile;
}) {
  const links = viewLinks(base, rev, view, path, file);
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
        {links ? <div className="ml-auto flex flex-wrap gap-2 text-sm">{links}</div> : null}
      </div>
    </div>
  );
}

function viewLinks(base: string, rev: string, view: CodeView, path: string, file?: ShownFile) {
  const history = (
    <Link href={codeLogPath(base, rev, { path })} className={link}>
      History
    </Link>
  );
  switch (view) {
    case "commits":
      return null;
    case "tree":
      return history;
    case "blame":
      return (
        <>
          <Link href={codeFilePath(base, rev, path)} className={link}>
            File
          </Link>
          {history}
        </>
      );
    case "blob":
      return (
        <>
          {/* The raw route is a download, not a page: no client-side navigation. */}
          <a href={codeRawPath(base, rev, path)} className={link}>
            Raw
          </a>
          {file?.blameable ? (
            <Link href={codeBlamePath(base, rev, path)} className={link}>
              Blame
            </Link>
          ) : null}
          {history}
          {file && rev !== file.commit ? (
            <Link
              href={codeFilePath(base, file.commit, path)}
              className={link}
              title="This file at this very commit, whatever the branch becomes"
            >
              Permalink
            </Link>
          ) : null}
        </>
      );
  }
}
