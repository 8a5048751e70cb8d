"use client";

import { useActionState } from "react";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/**
 * One moderation action on one thing (delete, unblock, lock…): a form of hidden fields and a
 * button. With `confirm`, the button first opens a question, answered by a second button, so
 * nothing is retracted by a stray click or key press.
 */
export function ModerationButton({
  action: moderate,
  hidden,
  label,
  pendingLabel,
  confirm,
  testId,
}: {
  action: FormAction<FormState>;
  hidden: Record<string, string>;
  label: string;
  pendingLabel: string;
  confirm?: { question: string; answer: string };
  testId?: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(moderate, {});
  const form = (
    <form action={action} className="inline-flex flex-wrap items-center gap-2">
      <PublishingControls>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Button
          type="submit"
          variant={confirm ? "danger" : "secondary"}
          disabled={pending}
          className="py-1"
        >
          {pending ? pendingLabel : (confirm?.answer ?? label)}
        </Button>
        <FormOutcome state={state} />
      </PublishingControls>
    </form>
  );
  if (!confirm) return <div data-testid={testId}>{form}</div>;
  return (
    <details className="text-sm" data-testid={testId}>
      <summary className="cursor-pointer rounded text-red-700 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-red-600 dark:text-red-400">
        {label}
      </summary>
      <div className="mt-2 space-y-2 rounded-md border border-red-300 bg-red-50 p-2 dark:border-red-800 dark:bg-red-950">
        <p className="text-red-900 dark:text-red-100">{confirm.question}</p>
        {form}
      </div>
    </details>
  );
}
