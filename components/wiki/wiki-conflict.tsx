import { Alert } from "@/components/ui/alert";
import type { WikiConflict } from "@/lib/forge/wiki/state";
import { when } from "./format";
import { WikiDiffTable } from "./wiki-diff-table";

/** What a save ran into: the version saved meanwhile, and how the person's text differs. */
export function WikiConflictView({ conflict }: { conflict: WikiConflict }) {
  const { theirs } = conflict;
  const who = theirs.publisher || "Someone";
  return (
    <section
      data-testid="wiki-conflict"
      aria-labelledby="wiki-conflict-heading"
      className="space-y-3"
    >
      <Alert tone="warning">
        <h3 id="wiki-conflict-heading" className="font-semibold">
          {theirs.deleted
            ? `${who} deleted or renamed this page while you were editing.`
            : `${who} saved revision ${theirs.revision} while you were editing.`}
        </h3>
        <p className="mt-1">
          Nothing was saved. Your text is still in the editor below. Compare it with theirs, merge
          what should stay, then save again
          {theirs.deleted ? " to recreate the page." : " to publish it over their version."}
        </p>
      </Alert>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0 space-y-1">
          <h4 className="text-sm font-medium">
            Their version
            {theirs.deleted ? "" : ` (revision ${theirs.revision}`}
            {!theirs.deleted && theirs.updated ? `, ${when(theirs.updated)}` : ""}
            {theirs.deleted ? "" : ")"}
            {theirs.summary ? `: ${theirs.summary}` : ""}
          </h4>
          <pre
            data-testid="wiki-conflict-theirs"
            className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900"
          >
            {theirs.deleted ? "(deleted)" : theirs.markdown}
          </pre>
        </div>
        <div className="min-w-0 space-y-1">
          <h4 className="text-sm font-medium">From their version to yours</h4>
          <WikiDiffTable rows={conflict.rows} label="Differences between their text and yours" />
        </div>
      </div>
    </section>
  );
}
