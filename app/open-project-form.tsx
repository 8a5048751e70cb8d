"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { openProjectAction, type OpenProjectState } from "./actions";

export function OpenProjectForm() {
  const [state, action, pending] = useActionState<OpenProjectState, FormData>(
    openProjectAction,
    {},
  );
  return (
    <form action={action} className="space-y-2">
      {state.error ? <Alert>{state.error.message}</Alert> : null}
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <Field
            label="Open a project by address"
            name="address"
            required
            defaultValue={state.value}
            placeholder="pubsub.example.org/project or xmpp:pubsub.example.org?;node=forge/project/project"
            invalid={Boolean(state.error)}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Opening…" : "Open"}
        </Button>
      </div>
    </form>
  );
}
