"use client";

import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { ChoiceField } from "@/components/ui/choice-field";
import { Field, inputClass } from "@/components/ui/field";
import { FormOutcome } from "@/components/ui/form-outcome";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** The author or a maintainer asks someone, on any server, to review. */
export function AddReviewerForm({
  mergeRequestId,
  action: save,
}: {
  mergeRequestId: string;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="space-y-2" data-testid="add-reviewer-form">
      <PublishingControls>
        <FormOutcome state={state} />
        <input type="hidden" name="mergeRequestId" value={mergeRequestId} />
        <input type="hidden" name="change" value="add" />
        <Field
          label="Request review from"
          name="jid"
          id="reviewer-jid"
          placeholder="bob@example.org"
          defaultValue={state.error ? state.values?.jid : undefined}
          invalid={Boolean(state.error)}
          autoComplete="off"
          required
        />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Asking…" : "Request review"}
        </Button>
      </PublishingControls>
    </form>
  );
}

export function RemoveReviewerButton({
  mergeRequestId,
  jid,
  action: save,
}: {
  mergeRequestId: string;
  jid: string;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="mergeRequestId" value={mergeRequestId} />
      <input type="hidden" name="change" value="remove" />
      <input type="hidden" name="jid" value={jid} />
      <Button
        type="submit"
        variant="ghost"
        disabled={pending}
        aria-label={`Withdraw the review request to ${jid}`}
        className="px-1.5 py-0.5 text-xs"
      >
        {pending ? "Removing…" : "Remove"}
      </Button>
      {state.error ? <FormOutcome state={state} /> : null}
    </form>
  );
}

const CHOICES = [
  { value: "approve", label: "Approve", note: "Ready to merge as it is." },
  { value: "request-changes", label: "Request changes", note: "Must change before merging." },
  { value: "comment", label: "Comment", note: "Feedback, without a decision." },
] as const;

/** A verdict on the revision shown; the server refuses it if a newer one has arrived since. */
export function VerdictForm({
  mergeRequestId,
  revision,
  action: save,
}: {
  mergeRequestId: string;
  revision: number;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state.done && box.current) box.current.value = "";
  }, [state]);
  return (
    <form action={action} className="space-y-2" data-testid="verdict-form">
      <PublishingControls>
        <FormOutcome state={state} />
        <input type="hidden" name="mergeRequestId" value={mergeRequestId} />
        <input type="hidden" name="revision" value={String(revision)} />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Your verdict on revision {revision}</legend>
          {CHOICES.map(({ value, label, note }) => (
            <ChoiceField
              key={value}
              type="radio"
              id={`verdict-${value}`}
              name="value"
              value={value}
              required
              defaultChecked={state.error ? state.values?.value === value : false}
              label={label}
              note={note}
            />
          ))}
        </fieldset>
        <label htmlFor="verdict-text" className="block text-sm font-medium">
          Review summary (optional, markdown)
        </label>
        <textarea
          ref={box}
          id="verdict-text"
          name="body"
          rows={3}
          defaultValue={state.error ? state.values?.body : undefined}
          className={`${inputClass} font-mono`}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Publishing…" : "Submit review"}
        </Button>
      </PublishingControls>
    </form>
  );
}
