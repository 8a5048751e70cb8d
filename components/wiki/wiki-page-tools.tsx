"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { WikiBase } from "@/lib/forge/wiki/state";
import type { FormAction, WikiFormState } from "@/lib/http/form-state";
import { PublishingControls } from "@/components/forge/publishing-controls";

interface ToolsProps {
  projectId: string;
  slug: string;
  title: string;
  /** The version the reader sees: renaming or deleting a newer one needs a second look. */
  base: WikiBase;
}

export interface WikiPageActions {
  renameAction: FormAction<WikiFormState>;
  deleteAction: FormAction<WikiFormState>;
}

function Hidden({ projectId, slug, base }: Omit<ToolsProps, "title">) {
  return (
    <>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="baseRevision" value={base.revision} />
      <input type="hidden" name="baseDigest" value={base.digest} />
    </>
  );
}

/** Rename and delete, tucked away under the page. */
export function WikiPageTools({
  renameAction,
  deleteAction,
  ...props
}: ToolsProps & WikiPageActions) {
  const [renamed, rename, renaming] = useActionState<WikiFormState, FormData>(renameAction, {});
  const [deleted, remove, deleting] = useActionState<WikiFormState, FormData>(deleteAction, {});
  return (
    <details className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">Rename or delete</summary>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <form action={rename} className="space-y-2">
          <PublishingControls>
            {renamed.error ? <Alert>{renamed.error.message}</Alert> : null}
            <Hidden {...props} />
            <Field
              label="New title"
              name="title"
              required
              maxLength={200}
              defaultValue={renamed.values?.title ?? props.title}
              hint="The page moves to the address of its new title; its history follows it."
            />
            <Button type="submit" variant="secondary" disabled={renaming}>
              {renaming ? "Renaming…" : "Rename page"}
            </Button>
          </PublishingControls>
        </form>
        <form action={remove} className="space-y-2">
          <PublishingControls>
            {deleted.error ? <Alert>{deleted.error.message}</Alert> : null}
            <Hidden {...props} />
            <Field
              label="Why delete it?"
              name="summary"
              maxLength={300}
              defaultValue={deleted.values?.summary ?? ""}
              hint="Its history is kept; the page can be restored from it."
            />
            <Button type="submit" variant="danger" disabled={deleting}>
              {deleting ? "Deleting…" : "Delete page"}
            </Button>
          </PublishingControls>
        </form>
      </div>
    </details>
  );
}
