"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import { statusLabel, TICKET_STATUSES } from "@/lib/forge/statuses";
import type { FormAction, FormState } from "@/lib/http/form-state";

export function StatusControl({
  ticketId,
  status,
  action: setStatus,
}: {
  ticketId: string;
  status: string;
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(setStatus, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <PublishingControls>
        <input type="hidden" name="ticketId" value={ticketId} />
        <label htmlFor="ticket-status-change" className="text-sm font-medium">
          Change status
        </label>
        <select
          id="ticket-status-change"
          name="status"
          defaultValue={status}
          key={status}
          className={`${inputClass} w-auto py-1`}
        >
          {TICKET_STATUSES.map((value) => (
            <option key={value} value={value}>
              {statusLabel(value)}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Set status"}
        </Button>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
      </PublishingControls>
    </form>
  );
}
