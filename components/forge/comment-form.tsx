"use client";

import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Bubbles from a comment form once the service accepted its comment, for whoever opened it. */
export const COMMENT_POSTED_EVENT = "pubforge:comment-posted";

/** Posting or editing a comment; the text stays in the box until the service accepted it. */
export function CommentForm({
  action,
  hidden,
  initial = "",
  label,
  submitLabel,
  fields,
}: {
  action: FormAction<FormState>;
  hidden: Record<string, string>;
  initial?: string;
  label: string;
  submitLabel: string;
  /** Fields of the form's own besides the text (an inline comment's range, say). */
  fields?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const box = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const id = `comment-${Object.values(hidden)
    .join("-")
    .replace(/[^A-Za-z0-9-]/g, "")}`;

  useEffect(() => {
    if (!state.done) return;
    if (box.current && !initial) box.current.value = "";
    form.current?.dispatchEvent(new CustomEvent(COMMENT_POSTED_EVENT, { bubbles: true }));
  }, [state, initial]);

  return (
    <form ref={form} action={formAction} className="space-y-2">
      <PublishingControls>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {fields}
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <textarea
          ref={box}
          id={id}
          name="body"
          rows={4}
          required
          defaultValue={state.error ? (state.values?.body ?? initial) : initial}
          className={`${inputClass} font-mono`}
          onKeyDown={(event) => {
            if ((event.ctrlKey || event.metaKey) && event.key === "Enter")
              event.currentTarget.form?.requestSubmit();
          }}
          aria-keyshortcuts="Control+Enter"
        />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Publishing…" : submitLabel}
          </Button>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            Markdown · Ctrl+Enter to send
          </span>
        </div>
      </PublishingControls>
    </form>
  );
}
