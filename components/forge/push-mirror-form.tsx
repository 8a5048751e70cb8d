"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction, FormState } from "@/lib/http/form-state";

/**
 * Where merges are pushed and with what credential. The token is write-only: once saved it
 * is never sent back to a browser, so replacing the mirror means typing it again.
 */
export function PushMirrorForm({
  projectId,
  replacing,
  action: save,
}: {
  projectId: string;
  replacing: boolean;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="space-y-3" aria-label="Push mirror">
      {state.error ? <Alert>{state.error.message}</Alert> : null}
      {state.done ? <Alert tone="info">{state.done}</Alert> : null}
      <input type="hidden" name="projectId" value={projectId} />
      <Field
        label="Push URL"
        name="url"
        type="url"
        placeholder="https://git.example.org/team/project.git"
        defaultValue={state.values?.url}
        hint="Where merges made here are pushed: http(s) only, on a public address."
        required
      />
      <Field
        label="User"
        name="username"
        autoComplete="off"
        defaultValue={state.values?.username}
        required
      />
      <Field
        label="Token or password"
        name="secret"
        type="password"
        autoComplete="new-password"
        hint="Stored encrypted and never shown again. Prefer a token that may only push."
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : replacing ? "Replace push mirror" : "Set push mirror"}
      </Button>
    </form>
  );
}
