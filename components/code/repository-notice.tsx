import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { CodeRepository } from "@/lib/forge/code/repository";
import { newMergeRequestPath } from "@/lib/forge/routes";

/** What the code pages say instead of code: why there is none, and what to do about it. */
export function RepositoryNotice({
  repository,
  base,
}: {
  repository: Exclude<CodeRepository, { state: "ready" }>;
  base: string;
}) {
  if (repository.state === "none") {
    return (
      <div className="space-y-2" data-testid="no-repository">
        <h2 className="text-lg font-semibold">No repository</h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          This project names no repository: it was created without a clone URL, so there is no code
          to browse here. Changes can still travel as patches:{" "}
          <Link
            href={newMergeRequestPath(base)}
            className="text-accent-600 underline dark:text-accent-300"
          >
            open a merge request from a patch
          </Link>
          .
        </p>
      </div>
    );
  }
  if (repository.state === "empty") {
    return (
      <div className="space-y-2" data-testid="empty-repository">
        <h2 className="text-lg font-semibold">The repository is empty</h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          <code className="break-all">{repository.cloneUrl}</code> has no commits yet. Push a first
          commit there; this page shows it once the repository has been fetched again (at most a
          minute after a signed-in visit).
        </p>
      </div>
    );
  }
  return (
    <Alert>
      The repository <code className="break-all">{repository.cloneUrl}</code> could not be fetched:{" "}
      {repository.reason}. Check that the address is right and reachable from this server; this page
      tries again in a minute.
    </Alert>
  );
}

/** A revision or path the page could not show, with the way back. */
export function CodeProblem({ problem, back }: { problem: string; back: string }) {
  return (
    <div className="space-y-2" data-testid="code-problem">
      <Alert>{problem}</Alert>
      <p className="text-sm">
        <Link href={back} className="text-accent-600 underline dark:text-accent-300">
          Browse the default branch
        </Link>
      </p>
    </div>
  );
}
