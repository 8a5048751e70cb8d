"use client";

import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormOutcome } from "@/components/ui/form-outcome";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/**
 * One project setting on the settings page: the project's id, the fields (given the last
 * submission's state, to keep what was typed after a refusal), a submit button, the outcome.
 * The service decides who may change it; its refusal is the outcome shown.
 */
export function ProjectSettingForm({
  projectId,
  action: save,
  submitLabel = "Save",
  pendingLabel = "Saving…",
  secondary = false,
  children,
}: {
  projectId: string;
  action: FormAction<FormState>;
  submitLabel?: ReactNode;
  pendingLabel?: string;
  secondary?: boolean;
  children: (state: FormState) => ReactNode;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="space-y-3">
      <PublishingControls>
        <input type="hidden" name="projectId" value={projectId} />
        {children(state)}
        <Button type="submit" variant={secondary ? "secondary" : undefined} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        <FormOutcome state={state} />
      </PublishingControls>
    </form>
  );
}
