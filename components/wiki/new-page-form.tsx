"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, WikiFormState } from "@/lib/http/form-state";

/** A title in, its editor out (or the page, if one by that name exists). */
export function NewPageForm({
  projectId,
  action: startPage,
}: {
  projectId: string;
  action: FormAction<WikiFormState>;
}) {
  const [state, action, pending] = useActionState<WikiFormState, FormData>(startPage, {});
  return (
    <form action={action} className="space-y-2">
      <PublishingControls>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
        <input type="hidden" name="projectId" value={projectId} />
        <label htmlFor="wiki-new-title" className="block text-sm font-medium">
          New page
        </label>
        <div className="flex gap-2">
          <input
            id="wiki-new-title"
            name="title"
            required
            maxLength={200}
            placeholder="Page title"
            defaultValue={state.values?.title}
            className={inputClass}
          />
          <Button type="submit" variant="secondary" disabled={pending}>
            Create
          </Button>
        </div>
      </PublishingControls>
    </form>
  );
}
