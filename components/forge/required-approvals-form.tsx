"use client";

import { Field } from "@/components/ui/field";
import { ProjectSettingForm } from "@/components/forge/project-setting-form";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Maintainers set how many approvals from maintainers a merge needs; the service refuses others. */
export function RequiredApprovalsForm({
  projectId,
  current,
  action,
}: {
  projectId: string;
  current: number;
  action: FormAction<FormState>;
}) {
  return (
    <ProjectSettingForm projectId={projectId} action={action}>
      {(state) => (
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
      )}
    </ProjectSettingForm>
  );
}
