"use client";

import { ChoiceField } from "@/components/ui/choice-field";
import { ProjectSettingForm } from "@/components/forge/project-setting-form";
import { MERGE_STRATEGY_TEXT } from "@/lib/forge/merge-requests/strategy-labels";
import { MERGE_STRATEGIES, type MergeStrategy } from "@/lib/scm/types";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Maintainers tick the strategies the project allows; the service refuses anyone else. */
export function MergeStrategiesForm({
  projectId,
  allowed,
  action,
}: {
  projectId: string;
  allowed: MergeStrategy[];
  action: FormAction<FormState>;
}) {
  return (
    <ProjectSettingForm projectId={projectId} action={action}>
      {() => (
        <fieldset className="space-y-2">
          <legend className="sr-only">Allowed merge strategies</legend>
          {MERGE_STRATEGIES.map((strategy) => (
            <ChoiceField
              key={strategy}
              type="checkbox"
              id={`allow-${strategy}`}
              name="strategies"
              value={strategy}
              defaultChecked={allowed.includes(strategy)}
              label={MERGE_STRATEGY_TEXT[strategy].label}
              note={MERGE_STRATEGY_TEXT[strategy].effect}
            />
          ))}
        </fieldset>
      )}
    </ProjectSettingForm>
  );
}
