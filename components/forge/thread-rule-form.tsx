"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Maintainers require every thread resolved before a merge; the service refuses anyone else. */
export function ThreadRuleForm({
  projectId,
  required,
  action: save,
}: {
  projectId: string;
  required: boolean;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="space-y-3">
      <PublishingControls>
        <input type="hidden" name="projectId" value={projectId} />
        <div className="flex items-start gap-2">
          <input
            type="checkbox"
            id="threads-resolved"
            name="required"
            defaultChecked={required}
            aria-describedby="threads-resolved-note"
            className="mt-1 accent-accent-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
          />
          <label htmlFor="threads-resolved" className="text-sm">
            <span className="font-medium">All threads resolved before merge</span>
            <span
              id="threads-resolved-note"
              className="block text-xs text-zinc-600 dark:text-zinc-400"
            >
              A merge request with an unresolved thread on its diff cannot be merged.
            </span>
          </label>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
        {state.done ? <Alert tone="info">{state.done}</Alert> : null}
      </PublishingControls>
    </form>
  );
}
