/**
 * Inline comments whose line changed or vanished since the revision they were written on:
 * collapsed under the diff's files, each file's together, with the code they were written on
 * (a few lines of that revision's diff) and a link to that revision. Nothing disappears.
 */
import Link from "next/link";
import { CommentView } from "@/components/forge/comment-view";
import type { OutdatedComment } from "@/lib/forge/merge-requests/comment-positions";
import { inlineCommentId } from "@/lib/forge/merge-requests/view";
import type { HunkLine } from "@/lib/scm/types";

const MARKS: Record<HunkLine["kind"], string> = { add: "+", del: "-", context: " ", noeol: "\\" };

export function OutdatedComments({
  outdated,
  revisionHref,
}: {
  outdated: readonly OutdatedComment[];
  /** The files tab of a revision, where the comment is on its own line. */
  revisionHref: (revision: number) => string;
}) {
  if (outdated.length === 0) return null;
  const byFile = new Map<string, OutdatedComment[]>();
  for (const entry of outdated) {
    const group = byFile.get(entry.anchor.file);
    if (group) group.push(entry);
    else byFile.set(entry.anchor.file, [entry]);
  }
  return (
    <details
      className="rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-testid="outdated-comments"
    >
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent-600">
        Outdated comments ({outdated.length}): their lines changed in a later revision
      </summary>
      <div className="space-y-4 border-t border-zinc-200 p-3 dark:border-zinc-800">
        {[...byFile].map(([file, entries]) => (
          <section key={file} aria-label={`Outdated comments on ${file}`} className="space-y-3">
            <h4 className="font-mono text-sm font-semibold">{file}</h4>
            <ol className="space-y-3">
              {entries.map((entry) => (
                <OutdatedEntry key={entry.comment.id} entry={entry} revisionHref={revisionHref} />
              ))}
            </ol>
          </section>
        ))}
      </div>
    </details>
  );
}

function OutdatedEntry({
  entry: { anchor, comment, context },
  revisionHref,
}: {
  entry: OutdatedComment;
  revisionHref: (revision: number) => string;
}) {
  const numberOf = (line: HunkLine) => (anchor.side === "old" ? line.oldLine : line.newLine);
  return (
    <li id={`outdated-${inlineCommentId(comment)}`} className="scroll-mt-16 space-y-1">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
          Outdated
        </span>{" "}
        Written on{" "}
        <Link
          href={`${revisionHref(anchor.revision)}#${inlineCommentId(comment)}`}
          className="text-accent-600 underline dark:text-accent-300"
        >
          line {anchor.line}
          {anchor.side === "old" ? " (a removed line)" : null} of revision {anchor.revision}
        </Link>
      </p>
      {context.length > 0 ? (
        <pre
          className="overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 text-xs dark:border-zinc-800 dark:bg-zinc-900"
          aria-label={`Revision ${anchor.revision}'s code around line ${anchor.line}`}
        >
          {context.map((line, i) => (
            <div
              key={i}
              className={
                numberOf(line) === anchor.line
                  ? "bg-amber-100 font-semibold dark:bg-amber-900/40"
                  : undefined
              }
            >
              {MARKS[line.kind]}
              {line.text}
            </div>
          ))}
        </pre>
      ) : null}
      <CommentView comment={comment} />
    </li>
  );
}
