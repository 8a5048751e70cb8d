"use client";

import { useActionState } from "react";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Owners grant maintainer rights; the pubsub service refuses anyone else with a message. */
export function MaintainerForm({
  projectId,
  action: setMaintainer,
}: {
  projectId: string;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(setMaintainer, {});
  return (
    <form action={action} className="space-y-2">
      <PublishingControls>
        <FormOutcome state={state} />
        <input type="hidden" name="projectId" value={projectId} />
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
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Set role"}
        </Button>
      </PublishingControls>
    </form>
  );
}
