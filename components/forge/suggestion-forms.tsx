"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome } from "@/components/ui/form-outcome";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** The id of the batch form, which each suggestion's "Add to batch" box belongs to. */
export const SUGGESTION_BATCH_FORM = "suggestion-batch";

/** Applying one suggestion now, or ticking it for the batch form above the diff. */
export function ApplySuggestionForm({
  action,
  mergeRequestId,
  commentId,
}: {
  action: FormAction<FormState>;
  mergeRequestId: string;
  commentId: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const box = `batch-${commentId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3 px-3 pb-2">
      <PublishingControls>
        <input type="hidden" name="mergeRequestId" value={mergeRequestId} />
        <input type="hidden" name="comment" value={commentId} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Applying…" : "Apply suggestion"}
        </Button>
        <span className="flex items-center gap-1.5 text-sm">
          {/* Outside this form: it belongs to the batch form (HTML's form attribute). */}
          <input
            id={box}
            type="checkbox"
            name="comment"
            value={commentId}
            form={SUGGESTION_BATCH_FORM}
          />
          <label htmlFor={box}>Add to batch</label>
        </span>
        <div className="w-full" aria-live="polite">
          <FormOutcome state={state} />
        </div>
      </PublishingControls>
    </form>
  );
}

/** Applies every ticked suggestion as one commit, one new revision. */
export function SuggestionBatchForm({
  action,
  mergeRequestId,
}: {
  action: FormAction<FormState>;
  mergeRequestId: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form
      id={SUGGESTION_BATCH_FORM}
      action={formAction}
      className="flex flex-wrap items-center gap-3 rounded-lg border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800"
    >
      <PublishingControls>
        <input type="hidden" name="mergeRequestId" value={mergeRequestId} />
        <span>Suggestions ticked “Add to batch” become one commit.</span>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Applying…" : "Apply batch"}
        </Button>
        <div className="w-full" aria-live="polite">
          <FormOutcome state={state} />
        </div>
      </PublishingControls>
    </form>
  );
}
