"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, WikiFormState } from "@/lib/http/form-state";

/** Restores an old revision's text, as a new revision (history is never rewritten). */
export function RestoreForm(props: {
  projectId: string;
  slug: string;
  /** The name the revision was saved under (the page's, unless it was renamed since). */
  source: string;
  revision: number;
  action: FormAction<WikiFormState>;
}) {
  const [state, action, pending] = useActionState<WikiFormState, FormData>(props.action, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <PublishingControls>
        <input type="hidden" name="projectId" value={props.projectId} />
        <input type="hidden" name="slug" value={props.slug} />
        <input type="hidden" name="source" value={props.source} />
        <input type="hidden" name="revision" value={props.revision} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Restoring…" : `Restore revision ${props.revision}`}
        </Button>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
      </PublishingControls>
    </form>
  );
}
