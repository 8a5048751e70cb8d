// Test-only: a series applied onto a branch one commit per changeset, as a merge by rebase.
import type { ScmAdapter } from "../types";

let revision = 0;

export async function rebaseSeries(
  adapter: ScmAdapter,
  dir: string,
  branch: string,
  series: string,
): Promise<{ revisions: readonly string[] }> {
  revision += 1;
  return adapter.merge(
    dir,
    {
      branch,
      series,
      revisionRef: `refs/pubforge/merge-requests/test/${revision}`,
      mergeMessage: "Merge",
      squashMessage: "Squash",
      merger: { name: "Merger", email: "merger@forge.test" },
    },
    "rebase",
  );
}
