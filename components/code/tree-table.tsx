import Link from "next/link";
import { codeFilePath, codeTreePath } from "@/lib/forge/routes";
import type { TreeEntry, TreeEntryKind } from "@/lib/scm/types";

const KIND_LABELS: Record<TreeEntryKind, string> = {
  dir: "Directory",
  file: "File",
  symlink: "Symbolic link",
  submodule: "Submodule",
};

// Drawn rather than emoji: the same on every system, and coloured like the text around them.
const KIND_ICONS: Record<TreeEntryKind, string> = {
  dir: "M1.75 2.5h4.2l1.5 1.5h6.8v9.5H1.75z",
  file: "M3.25 1.75h6.5l3 3v9.5h-9.5zM9.75 1.75v3h3",
  symlink: "M3.25 1.75h6.5l3 3v9.5h-9.5zM5.5 11.5 10 7M7 7h3v3",
  submodule: "M2 4.5 8 1.75l6 2.75v7L8 14.25 2 11.5zM2 4.5l6 2.75 6-2.75M8 7.25v7",
};

function EntryIcon({ kind }: { kind: TreeEntryKind }) {
  return (
    <svg
      viewBox="0 0 16 16"
      aria-hidden="true"
      className={`mr-2 inline-block size-4 align-[-3px] ${kind === "dir" ? "fill-accent-300 stroke-accent-600 dark:fill-accent-700 dark:stroke-accent-300" : "fill-none stroke-zinc-500"}`}
      strokeWidth="1.25"
      strokeLinejoin="round"
    >
      <path d={KIND_ICONS[kind]} />
    </svg>
  );
}

/** A directory's entries: directories first, each a link to its page; sizes in bytes. */
export function TreeTable({
  base,
  rev,
  path,
  entries,
}: {
  base: string;
  rev: string;
  path: string;
  entries: readonly TreeEntry[];
}) {
  const parent = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid="tree">
        <caption className="sr-only">Files in {path || "the root directory"}</caption>
        <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="w-24 px-3 py-2 text-right font-medium">
              Size
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {path !== "" ? (
            <tr>
              <td className="px-3 py-1.5" colSpan={2}>
                <Link
                  href={codeTreePath(base, rev, parent)}
                  className="font-mono text-accent-600 underline dark:text-accent-300"
                >
                  <span aria-hidden="true">..</span>
                  <span className="sr-only">Parent directory</span>
                </Link>
              </td>
            </tr>
          ) : null}
          {entries.map((entry) => (
            <tr key={entry.name}>
              <td className="px-3 py-1.5">
                <EntryIcon kind={entry.kind} />
                <span className="sr-only">{KIND_LABELS[entry.kind]}: </span>
                {entry.kind === "submodule" ? (
                  <span className="font-mono">{entry.name}</span>
                ) : (
                  <Link
                    href={
                      entry.kind === "dir"
                        ? codeTreePath(base, rev, entry.path)
                        : codeFilePath(base, rev, entry.path)
                    }
                    className="font-mono text-accent-600 hover:underline dark:text-accent-300"
                  >
                    {entry.name}
                  </Link>
                )}
                {entry.executable ? (
                  <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">executable</span>
                ) : null}
              </td>
              <td className="px-3 py-1.5 text-right font-mono text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
                {entry.size === undefined ? "" : formatSize(entry.size)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Bytes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
