"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PublishingControls } from "@/components/forge/publishing-controls";
import { MERGE_STRATEGY_TEXT } from "@/lib/forge/merge-requests/strategy-labels";
import { MERGE_STRATEGIES, type MergeStrategy } from "@/lib/scm/types";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Maintainers tick the strategies the project allows; the service refuses anyone else. */
export function MergeStrategiesForm({
  projectId,
  allowed,
  action: save,
}: {
  projectId: string;
  allowed: MergeStrategy[];
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="space-y-3">
      <PublishingControls>
        <input type="hidden" name="projectId" value={projectId} />
        <fieldset className="space-y-2">
          <legend className="sr-only">Allowed merge strategies</legend>
          {MERGE_STRATEGIES.map((strategy) => (
            <div key={strategy} className="flex items-start gap-2">
              <input
                type="checkbox"
                id={`allow-${strategy}`}
                name="strategies"
                value={strategy}
                defaultChecked={allowed.includes(strategy)}
                aria-describedby={`allow-${strategy}-note`}
                className="mt-1 accent-accent-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
              />
              <label htmlFor={`allow-${strategy}`} className="text-sm">
                <span className="font-medium">{MERGE_STRATEGY_TEXT[strategy].label}</span>
                <span
                  id={`allow-${strategy}-note`}
                  className="block text-xs text-zinc-600 dark:text-zinc-400"
                >
                  {MERGE_STRATEGY_TEXT[strategy].effect}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
        {state.done ? <Alert tone="info">{state.done}</Alert> : null}
      </PublishingControls>
    </form>
  );
}
