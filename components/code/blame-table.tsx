import Link from "next/link";
import { highlightLines } from "@/components/diff/highlight";
import { when } from "@/components/wiki/format";
import { codeCommitPath } from "@/lib/forge/routes";
import type { Blame } from "@/lib/scm/types";
import { LineSelection } from "./line-selection";

/**
 * Each line with the commit that last changed it. A run of lines from one commit shows the
 * commit once, on its first line; line numbers select as in the file view.
 */
export function BlameTable({ base, path, blame }: { base: string; path: string; blame: Blame }) {
  const html = highlightLines(
    path,
    blame.lines.map((line) => line.text),
  );
  return (
    <LineSelection lines={blame.lines.length}>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="code-table blame-table font-mono" data-testid="blame">
          <caption className="sr-only">Who last changed each line of {path}</caption>
          <thead>
            <tr>
              {["Commit", "Line", "Code"].map((header) => (
                <th key={header} scope="col" className="p-0">
                  <span className="sr-only">{header}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {blame.lines.map((line, i) => {
              const starts = i === 0 || blame.lines[i - 1]!.commit !== line.commit;
              const commit = blame.commits.get(line.commit);
              return (
                <tr
                  key={i}
                  id={`L${i + 1}`}
                  className={starts && i > 0 ? "blame-start" : undefined}
                >
                  <td className="blame-commit text-xs">
                    {starts && commit ? (
                      <span className="flex gap-2 py-0.5">
                        <Link
                          href={codeCommitPath(base, commit.id)}
                          className="min-w-0 truncate text-accent-600 hover:underline dark:text-accent-300"
                          title={commit.summary}
                        >
                          {commit.summary || commit.id.slice(0, 12)}
                        </Link>
                        <span className="ml-auto shrink-0 text-zinc-600 dark:text-zinc-400">
                          {commit.author.name || commit.author.email},{" "}
                          <time dateTime={commit.date}>{when(commit.date).slice(0, 10)}</time>
                        </span>
                      </span>
                    ) : null}
                  </td>
                  <td className="code-num">
                    <a href={`#L${i + 1}`} data-line={i + 1} tabIndex={i === 0 ? 0 : -1}>
                      {i + 1}
                    </a>
                  </td>
                  <td className="code-line" dangerouslySetInnerHTML={{ __html: html[i]! }} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </LineSelection>
  );
}
