"use client";

import { useActionState } from "react";
import { FormOutcome } from "@/components/ui/form-outcome";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import { DEFAULT_TICKET_STATUS, statusLabel, TICKET_STATUSES } from "@/lib/forge/statuses";
import type { FormAction, FormState } from "@/lib/http/form-state";

export interface TicketFormValues {
  title: string;
  body: string;
  type: string;
  status: string;
  priority: string;
  labels: string;
  assignees: string;
  milestone: string;
}

const EMPTY: TicketFormValues = {
  title: "",
  body: "",
  type: "bug",
  status: DEFAULT_TICKET_STATUS,
  priority: "normal",
  labels: "",
  assignees: "",
  milestone: "",
};

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: [string, string][];
}) {
  const known = options.some(([v]) => v === value);
  return (
    <div className="space-y-1">
      <label htmlFor={`ticket-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`ticket-${name}`} name={name} defaultValue={value} className={inputClass}>
        {known ? null : <option value={value}>{value}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** New and edit share one form; on failure every typed value comes back from the action. */
export function TicketForm({
  action,
  hidden,
  initial,
  submitLabel,
  version = "",
}: {
  action: FormAction<FormState>;
  hidden: Record<string, string>;
  initial?: Partial<TicketFormValues>;
  submitLabel: string;
  /** Changes with the ticket (its updated time): the fields then show its current values. */
  version?: string;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  const v = { ...EMPTY, ...initial, ...(state.values as Partial<TicketFormValues> | undefined) };
  return (
    <form
      action={formAction}
      className="space-y-4"
      key={`${version} ${JSON.stringify(state.values ?? {})}`}
    >
      <PublishingControls>
        <FormOutcome state={state} />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {initial ? (
          // What the form showed: the server republishes only what the person changed.
          <input type="hidden" name="shown" value={JSON.stringify({ ...EMPTY, ...initial })} />
        ) : null}
        <Field
          label="Title"
          name="title"
          required
          defaultValue={v.title}
          invalid={state.error?.field === "title"}
        />
        <div className="space-y-1">
          <label htmlFor="ticket-body" className="block text-sm font-medium">
            Description{" "}
            <span className="font-normal text-zinc-600 dark:text-zinc-400">(markdown)</span>
          </label>
          <textarea
            id="ticket-body"
            name="body"
            rows={8}
            defaultValue={v.body}
            className={`${inputClass} font-mono`}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Select
            name="type"
            label="Type"
            value={v.type}
            options={[
              ["bug", "bug"],
              ["feature", "feature request"],
            ]}
          />
          <Select
            name="status"
            label="Status"
            value={v.status}
            options={TICKET_STATUSES.map((value) => [value, statusLabel(value)])}
          />
          <Select
            name="priority"
            label="Priority"
            value={v.priority}
            options={[
              ["major", "major"],
              ["normal", "normal"],
              ["minor", "minor"],
            ]}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Labels" name="labels" defaultValue={v.labels} hint="Comma-separated" />
          <Field
            label="Assignees"
            name="assignees"
            defaultValue={v.assignees}
            hint="XMPP addresses, comma-separated"
            invalid={state.error?.field?.startsWith("assignees")}
          />
          <Field label="Milestone" name="milestone" defaultValue={v.milestone} />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Publishing…" : submitLabel}
        </Button>
      </PublishingControls>
    </form>
  );
}
