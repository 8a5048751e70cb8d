"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PublishingControls } from "@/components/forge/publishing-controls";
import { MERGE_STRATEGY_TEXT } from "@/lib/forge/merge-requests/strategy-labels";
import type { MergeBox as MergeBoxState } from "@/lib/forge/merge-requests/mergeability";
import type { MergePin } from "@/lib/forge/merge-requests/pin";
import type { MergeStrategy, StrategyCheck } from "@/lib/scm/types";
import type { FormAction, MergeRequestFormState } from "@/lib/http/form-state";

/** What is chosen at first: the way Pubforge always merged, then history kept as it is. */
const PREFERRED: readonly MergeStrategy[] = ["rebase", "fast-forward", "merge", "squash"];

/** Why a strategy would not work now, and what would make it work. */
function refusal(check: StrategyCheck, branch: string): string | undefined {
  if (check.ok) return undefined;
  switch (check.reason) {
    case "conflicts":
      return `Conflicts in ${check.files.join(", ")}: ask for a revision rebased onto ${branch}.`;
    case "not-fast-forward":
      return `${branch} has commits this revision is not based on.`;
    case "unsupported":
      return "Not possible for this repository now.";
  }
}

/**
 * The merge box: what each strategy the project allows would do, worked out before anything
 * is pressed; only strategies that would work can be chosen. Merge sends the revision shown
 * (`pin`) and the strategy; the server checks both again.
 */
export function MergeBox({
  box,
  blockers,
  pin,
  hidden,
  mergeAction,
}: {
  box: MergeBoxState;
  /** What the merge request's own rules say is missing (merge-rules.ts), in words. */
  blockers: readonly string[];
  pin: MergePin;
  hidden: Record<string, string>;
  mergeAction: FormAction<MergeRequestFormState>;
}) {
  const [state, formAction, pending] = useActionState<MergeRequestFormState, FormData>(
    mergeAction,
    {},
  );
  const unchecked: StrategyCheck = { ok: true };
  const strategies = box.known
    ? box.strategies
    : box.allowed.map((strategy) => ({ strategy, check: unchecked }));
  const possible = strategies.filter(({ check }) => check.ok);
  const [chosen, setChosen] = useState(
    PREFERRED.find((strategy) => possible.some((row) => row.strategy === strategy)),
  );
  const branch = box.known ? box.branch : undefined;
  const conflicts = strategies.find(({ check }) => !check.ok && check.reason === "conflicts");
  return (
    <section
      aria-labelledby="merge-box-title"
      className="space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="merge-box"
    >
      <h3 id="merge-box-title" className="font-medium">
        {branch ? (
          <>
            Merge into <code>{branch}</code>
          </>
        ) : (
          "Merge"
        )}
      </h3>
      {blockers.length > 0 ? (
        <Alert tone="warning">
          <span data-testid="merge-blockers">Not mergeable yet. {blockers.join(" ")}</span>
        </Alert>
      ) : null}
      {box.known ? null : (
        <p className="text-zinc-700 dark:text-zinc-300" data-testid="mergeability-unknown">
          {box.reason}
        </p>
      )}
      {box.known && box.alreadyMerged ? (
        <Alert tone="info">
          <span data-testid="mergeability-already-merged">
            {box.branch} already has this revision&apos;s commits. Set the status to merged, or
            close the merge request.
          </span>
        </Alert>
      ) : null}
      {box.known && !box.alreadyMerged && box.targetAhead > 0 ? (
        <p className="text-zinc-700 dark:text-zinc-300" data-testid="mergeability-target-moved">
          {box.branch} has {box.targetAhead} new commit{box.targetAhead === 1 ? "" : "s"} since this
          revision was made.
        </p>
      ) : null}
      {conflicts && "files" in conflicts.check ? (
        <Alert tone="warning">
          <span data-testid="mergeability-conflicts">
            Conflicts with {branch}: {conflicts.check.files.join(", ")}
          </span>
        </Alert>
      ) : null}
      {box.known && box.alreadyMerged ? null : (
        <form action={formAction} className="space-y-3">
          <PublishingControls>
            {Object.entries({
              ...hidden,
              revision: String(pin.revision),
              digest: pin.digest,
            }).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <fieldset className="space-y-2">
              <legend className="mb-1 text-sm font-medium">How to merge</legend>
              {strategies.map(({ strategy, check }) => {
                const why = refusal(check, branch ?? "the target branch");
                const id = `merge-strategy-${strategy}`;
                return (
                  <div key={strategy} className="flex items-start gap-2">
                    <input
                      type="radio"
                      id={id}
                      name="strategy"
                      value={strategy}
                      disabled={!check.ok}
                      checked={chosen === strategy}
                      onChange={() => setChosen(strategy)}
                      aria-describedby={`${id}-note`}
                      className="mt-1 accent-accent-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
                      data-testid={id}
                    />
                    <label
                      htmlFor={id}
                      className={check.ok ? "" : "text-zinc-500 dark:text-zinc-400"}
                    >
                      <span className="font-medium">{MERGE_STRATEGY_TEXT[strategy].label}</span>
                      <span
                        id={`${id}-note`}
                        className="block text-xs text-zinc-600 dark:text-zinc-400"
                      >
                        {why ?? MERGE_STRATEGY_TEXT[strategy].effect}
                      </span>
                    </label>
                  </div>
                );
              })}
            </fieldset>
            {possible.length === 0 ? (
              <p className="text-zinc-700 dark:text-zinc-300" data-testid="mergeability-none">
                No way this project allows can merge this revision now.
              </p>
            ) : null}
            <Button
              type="submit"
              disabled={pending || !chosen || blockers.length > 0}
              className="w-full"
              data-testid="merge-button"
            >
              {pending ? "Merging…" : "Merge"}
            </Button>
            {state.error ? <Alert>{state.error.message}</Alert> : null}
            {state.done ? <Alert tone="info">{state.done}</Alert> : null}
          </PublishingControls>
        </form>
      )}
    </section>
  );
}
