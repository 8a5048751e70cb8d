"use client";

import { ChoiceField } from "@/components/ui/choice-field";
import { ProjectSettingForm } from "@/components/forge/project-setting-form";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Maintainers require every thread resolved before a merge; the service refuses anyone else. */
export function ThreadRuleForm({
  projectId,
  required,
  action,
}: {
  projectId: string;
  required: boolean;
  action: FormAction<FormState>;
}) {
  return (
    <ProjectSettingForm projectId={projectId} action={action}>
      {() => (
        <ChoiceField
          type="checkbox"
          id="threads-resolved"
          name="required"
          defaultChecked={required}
          label="All threads resolved before merge"
          note="A merge request with an unresolved thread on its diff cannot be merged."
        />
      )}
    </ProjectSettingForm>
  );
}
