import type { Metadata } from "next";
import Link from "next/link";
import { CodeNav } from "@/components/code/code-nav";
import { CommitList } from "@/components/code/commit-list";
import { CompareForm } from "@/components/code/compare-form";
import { CodeProblem, RepositoryNotice } from "@/components/code/repository-notice";
import { DiffView } from "@/components/diff/diff-view";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { compareRevisions, MAX_COMPARED_COMMITS } from "@/lib/forge/code/history";
import {
  codeComparePath,
  codeFilePath,
  codePath,
  newMergeRequestPath,
  parseCompareRange,
} from "@/lib/forge/routes";
import type { ProjectParams } from "@/lib/http/project-route";
import { explained, loadCode, refNames } from "../../code-route";

export const metadata: Metadata = { title: "Compare" };

/** What `head` adds to `base`: its commits and the diff since they parted, ready to merge. */
export default async function ComparePage({
  params,
}: {
  params: Promise<ProjectParams & { range: string }>;
}) {
  const { project, base, repository } = await loadCode(params);
  if (repository.state !== "ready") return <RepositoryNotice repository={repository} base={base} />;
  const range = parseCompareRange((await params).range);
  if (!range) {
    return (
      <CodeProblem
        problem="Name two revisions to compare, as base...head."
        back={codeComparePath(base)}
      />
    );
  }
  const read = await explained(async () => {
    const [comparison, refs] = await Promise.all([
      compareRevisions(repository, range.base, range.head),
      refNames(repository),
    ]);
    return { comparison, refs };
  });
  if (!read.ok) return <CodeProblem problem={read.problem} back={codePath(base)} />;
  const { comparison, refs } = read.value;
  const { commits, files } = comparison;
  const mergeRequest = newMergeRequestPath(base, {
    sourceUrl: project.cloneUrl,
    sourceRef: range.head,
    targetBranch: range.base,
  });
  return (
    <div className="space-y-4">
      <CodeNav base={base} rev={range.head} />
      <CompareForm
        action={codeComparePath(base)}
        base={range.base}
        head={range.head}
        names={[...refs.branches, ...refs.tags]}
      />
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold" data-testid="compare-heading">
          <code>{range.head}</code> into <code>{range.base}</code>: {commits.length}
          {comparison.moreCommits ? "+" : ""} {commits.length === 1 ? "commit" : "commits"},{" "}
          {files.length} {files.length === 1 ? "file" : "files"} changed
        </h2>
        {commits.length > 0 ? (
          <Link href={mergeRequest} className={buttonClass("primary", "ml-auto")}>
            Open merge request
          </Link>
        ) : null}
      </div>
      {!comparison.mergeBase ? (
        <Alert tone="warning">
          These two share no history: the diff shows everything {range.head} holds.
        </Alert>
      ) : null}
      {commits.length === 0 ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          <code>{range.head}</code> has no commits that <code>{range.base}</code> lacks: there is
          nothing to merge.
        </p>
      ) : (
        <CommitList
          base={base}
          commits={commits}
          label={`Commits in ${range.head} that ${range.base} lacks`}
        />
      )}
      {comparison.moreCommits ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Only the newest {MAX_COMPARED_COMMITS} commits are listed.
        </p>
      ) : null}
      {comparison.truncated ? (
        <Alert tone="warning">
          The diff is too large to show whole: only the first {files.length} files are shown.
        </Alert>
      ) : null}
      <DiffView
        files={files}
        label={`Changes from ${range.base} to ${range.head}`}
        fileLink={(file) =>
          file.status === "deleted"
            ? undefined
            : { href: codeFilePath(base, comparison.head.id, file.newPath), text: "View file" }
        }
      />
    </div>
  );
}
