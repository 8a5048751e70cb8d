"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import {
  isOpenMergeRequest,
  mergeRequestStatusLabel,
  SETTABLE_MERGE_REQUEST_STATUSES,
} from "@/lib/forge/statuses";
import type { MergePin } from "@/lib/forge/merge-requests/pin";
import type { MergeBox as MergeBoxState } from "@/lib/forge/merge-requests/mergeability";
import { MergeBox } from "@/components/forge/merge-box";
import type { FormAction, MergeRequestFormState } from "@/lib/http/form-state";

type Action = FormAction<MergeRequestFormState>;

function ActionForm({
  action,
  hidden,
  children,
  label,
  busy,
  variant = "secondary",
}: {
  action: Action;
  hidden: Record<string, string>;
  children?: React.ReactNode;
  label: string;
  busy: string;
  variant?: "primary" | "secondary";
}) {
  const [state, formAction, pending] = useActionState<MergeRequestFormState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <PublishingControls>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        <Button type="submit" variant={variant} disabled={pending} className="w-full">
          {pending ? busy : label}
        </Button>
        <FormOutcome state={state} />
      </PublishingControls>
    </form>
  );
}

/** The side panel of a merge request: merge, revise, mark as draft or ready, change status. */
export function MergeRequestControls({
  mergeRequestId,
  projectId,
  pin,
  mergeBox,
  blockers,
  draft,
  status,
  fromSource,
  mergeAction,
  updateFromSourceAction,
  pasteRevisionAction,
  setStatusAction,
}: {
  mergeRequestId: string;
  projectId: string;
  /** The revision shown, and its patch's digest: Merge merges exactly that. */
  pin: MergePin | undefined;
  /** Mergeability of the current revision; absent for those who may not merge. */
  mergeBox: MergeBoxState | undefined;
  blockers: readonly string[];
  /** Whether it is a draft, for those who may change that (its author and maintainers). */
  draft: { isDraft: boolean; setDraftAction: Action } | undefined;
  status: string;
  fromSource: boolean;
  mergeAction: Action;
  updateFromSourceAction: Action;
  pasteRevisionAction: Action;
  setStatusAction: Action;
}) {
  const hidden = { mergeRequestId, projectId };
  const open = isOpenMergeRequest(status);
  // What was on screen when the page opened: a live refresh brings newer revisions into view
  // but does not move what Merge merges (the server refuses anything else).
  const [pinned] = useState(pin);
  const moved = pinned && pin && pin.digest !== pinned.digest;
  return (
    <div className="space-y-4">
      {open && moved ? (
        <Alert tone="info">
          Revision {pin.revision} arrived while this page was open. Review it, then reload the page
          to merge it.
        </Alert>
      ) : null}
      {open && pinned && mergeBox ? (
        <MergeBox
          box={mergeBox}
          blockers={blockers}
          pin={pinned}
          hidden={hidden}
          mergeAction={mergeAction}
        />
      ) : null}
      {open && draft ? (
        <ActionForm
          action={draft.setDraftAction}
          hidden={{ ...hidden, draft: String(!draft.isDraft) }}
          label={draft.isDraft ? "Mark as ready" : "Mark as draft"}
          busy="Saving…"
        />
      ) : null}
      {open && fromSource ? (
        <ActionForm
          action={updateFromSourceAction}
          hidden={hidden}
          label="Update from source branch"
          busy="Fetching the branch…"
        />
      ) : null}
      {open ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Paste a new revision</summary>
          <div className="mt-2">
            <ActionForm
              action={pasteRevisionAction}
              hidden={hidden}
              label="Publish revision"
              busy="Publishing…"
            >
              <label htmlFor="revision-patch" className="sr-only">
                New series
              </label>
              <textarea
                id="revision-patch"
                name="patch"
                rows={6}
                className={`${inputClass} font-mono text-xs`}
              />
            </ActionForm>
          </div>
        </details>
      ) : null}
      {status !== "merged" ? (
        <ActionForm action={setStatusAction} hidden={hidden} label="Set status" busy="Saving…">
          <label htmlFor="mr-status" className="block text-sm font-medium">
            Change status
          </label>
          <select
            id="mr-status"
            name="status"
            defaultValue={status}
            key={status}
            className={inputClass}
          >
            {SETTABLE_MERGE_REQUEST_STATUSES.map((value) => (
              <option key={value} value={value}>
                {mergeRequestStatusLabel(value)}
              </option>
            ))}
          </select>
        </ActionForm>
      ) : null}
    </div>
  );
}
