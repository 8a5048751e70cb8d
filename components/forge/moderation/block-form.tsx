"use client";

import { useActionState } from "react";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Blocks a JID or a whole domain from the project. */
export function BlockForm({
  projectId,
  action: block,
}: {
  projectId: string;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(block, {});
  return (
    <form action={action} className="space-y-2">
      <PublishingControls>
        <FormOutcome state={state} />
        <input type="hidden" name="projectId" value={projectId} />
        <Field
          label="Address or domain to block"
          name="target"
          placeholder="spam@example.org or example.org"
          defaultValue={state.error ? state.values?.target : ""}
          key={state.done}
          required
          hint="What they published is hidden here at once; the pubsub service also stops them where it can."
        />
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Blocking…" : "Block"}
        </Button>
      </PublishingControls>
    </form>
  );
}
