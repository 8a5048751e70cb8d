import Link from "next/link";
import { when } from "@/components/wiki/format";
import { codeCommitPath, codeComparePath, codeTreePath } from "@/lib/forge/routes";
import type { RefTip } from "@/lib/scm/types";

const link = "text-accent-600 hover:underline dark:text-accent-300";

/** Branches or tags with their latest commits; branches other than the default can be compared. */
export function RefTable({
  base,
  kind,
  tips,
  defaultRef,
}: {
  base: string;
  kind: "branch" | "tag";
  tips: readonly RefTip[];
  defaultRef: string;
}) {
  const noun = kind === "branch" ? "Branch" : "Tag";
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid={`${kind}-table`}>
        <caption className="sr-only">{kind === "branch" ? "Branches" : "Tags"}</caption>
        <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {noun}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Latest commit
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Date
            </th>
            {kind === "branch" ? (
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Compare</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {tips.map((tip) => (
            <tr key={tip.name}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={codeTreePath(base, tip.name)} className={`font-mono ${link}`}>
                  {tip.name}
                </Link>
                {tip.name === defaultRef ? (
                  <span className="ml-2 rounded-full border border-zinc-300 px-2 py-0.5 text-xs text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
                    default
                  </span>
                ) : null}
              </th>
              <td className="px-3 py-2">
                <Link href={codeCommitPath(base, tip.commit.id)} className={link}>
                  {tip.commit.message.split("\n")[0] || tip.commit.id.slice(0, 12)}
                </Link>{" "}
                <span className="text-zinc-600 dark:text-zinc-400">
                  by {tip.commit.author.name || tip.commit.author.email}
                </span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                <time dateTime={tip.commit.date}>{when(tip.commit.date)}</time>
              </td>
              {kind === "branch" ? (
                <td className="px-3 py-2">
                  {tip.name === defaultRef ? null : (
                    <Link
                      href={codeComparePath(base, defaultRef, tip.name)}
                      className={link}
                      aria-label={`Compare ${tip.name} with ${defaultRef}`}
                    >
                      Compare
                    </Link>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
