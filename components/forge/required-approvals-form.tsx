"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormOutcome } from "@/components/ui/form-outcome";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Maintainers set how many approvals from maintainers a merge needs; the service refuses others. */
export function RequiredApprovalsForm({
  projectId,
  current,
  action: save,
}: {
  projectId: string;
  current: number;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="space-y-3">
      <PublishingControls>
        <FormOutcome state={state} />
        <input type="hidden" name="projectId" value={projectId} />
        <Field
          label="Required approvals from maintainers"
          name="requiredApprovals"
          id="required-approvals"
          type="number"
          min={0}
          max={20}
          step={1}
          inputMode="numeric"
          defaultValue={state.error ? state.values?.requiredApprovals : String(current)}
          invalid={Boolean(state.error)}
          hint="0 for none. Only approvals of the current revision count, and not the author's own."
          required
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </PublishingControls>
    </form>
  );
}
