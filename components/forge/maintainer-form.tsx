"use client";

import { Field, inputClass } from "@/components/ui/field";
import { ProjectSettingForm } from "@/components/forge/project-setting-form";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Owners grant maintainer rights; the pubsub service refuses anyone else with a message. */
export function MaintainerForm({
  projectId,
  action,
}: {
  projectId: string;
  action: FormAction<FormState>;
}) {
  return (
    <ProjectSettingForm projectId={projectId} action={action} submitLabel="Set role" secondary>
      {(state) => (
        <>
          <Field
            label="Address (JID)"
            name="jid"
            placeholder="bob@example.org"
            defaultValue={state.values?.jid}
            required
          />
          <label htmlFor="maintainer-role" className="sr-only">
            Role
          </label>
          <select id="maintainer-role" name="role" defaultValue="publisher" className={inputClass}>
            <option value="publisher">Maintainer (may publish)</option>
            <option value="owner">Owner</option>
            <option value="member">Member (may read a members-only project)</option>
            <option value="none">Remove rights</option>
          </select>
        </>
      )}
    </ProjectSettingForm>
  );
}
