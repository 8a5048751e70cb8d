import Link from "next/link";
import { codeTreePath } from "@/lib/forge/routes";

/** Where a path is, from the repository's root: each directory a link, the last one the page. */
export function Breadcrumbs({
  base,
  rev,
  path,
  rootName,
}: {
  base: string;
  rev: string;
  path: string;
  rootName: string;
}) {
  const names = path === "" ? [] : path.split("/");
  return (
    <nav aria-label="Path" className="min-w-0 font-mono text-sm">
      <ol className="flex flex-wrap items-baseline gap-x-1">
        <li>
          {names.length === 0 ? (
            <span aria-current="page" className="font-semibold">
              {rootName}
            </span>
          ) : (
            <Link
              href={codeTreePath(base, rev)}
              className="text-accent-600 underline dark:text-accent-300"
            >
              {rootName}
            </Link>
          )}
        </li>
        {names.map((name, i) => (
          <li key={i} className="flex items-baseline gap-x-1 break-all">
            <span aria-hidden="true" className="text-zinc-500">
              /
            </span>
            {i === names.length - 1 ? (
              <span aria-current="page" className="font-semibold">
                {name}
              </span>
            ) : (
              <Link
                href={codeTreePath(base, rev, names.slice(0, i + 1).join("/"))}
                className="text-accent-600 underline dark:text-accent-300"
              >
                {name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
