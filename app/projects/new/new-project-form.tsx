"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceField } from "@/components/ui/choice-field";
import { Field, inputClass } from "@/components/ui/field";
import { createProjectAction, type NewProjectState } from "./actions";

export function NewProjectForm({ defaultService }: { defaultService: string }) {
  const [state, action, pending] = useActionState<NewProjectState, FormData>(
    createProjectAction,
    {},
  );
  const v = state.values ?? {};
  const invalid = (field: string) => state.error?.field === field;
  return (
    <form action={action} className="space-y-4">
      {state.error ? <Alert>{state.error.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          required
          defaultValue={v.name}
          invalid={invalid("name")}
          autoFocus
        />
        <Field
          label="Short name (slug)"
          name="slug"
          required
          defaultValue={v.slug}
          invalid={invalid("slug")}
          pattern="[a-z0-9][a-z0-9-]*"
          hint="Lower-case letters, digits and dashes; part of every address."
        />
      </div>
      <Field
        label="Pubsub service"
        name="service"
        required
        defaultValue={v.service ?? defaultService}
        invalid={invalid("service")}
        hint="The XMPP pubsub service that will host the project's data."
      />
      <div className="space-y-1">
        <label htmlFor="field-description" className="block text-sm font-medium">
          Description
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          defaultValue={v.description}
          className={inputClass}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="field-scm" className="block text-sm font-medium">
            Version control
          </label>
          <select id="field-scm" name="scm" defaultValue={v.scm ?? "git"} className={inputClass}>
            <option value="git">Git</option>
            <option value="hg">Mercurial</option>
          </select>
        </div>
        <Field
          label="Default branch"
          name="defaultBranch"
          defaultValue={v.defaultBranch}
          placeholder="main"
        />
        <div className="space-y-1">
          <label htmlFor="field-access" className="block text-sm font-medium">
            Who can see it
          </label>
          <select
            id="field-access"
            name="access"
            defaultValue={v.access ?? "open"}
            className={inputClass}
          >
            <option value="open">Everyone (public)</option>
            <option value="whitelist">Members only</option>
          </select>
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Repository</legend>
        <ChoiceField
          type="radio"
          id="repository-here"
          name="repository"
          value="here"
          defaultChecked={v.repository === "here"}
          label="Host it on this Pubforge"
          note="Maintainers push to it, merges land in it."
        />
        <ChoiceField
          type="radio"
          id="repository-elsewhere"
          name="repository"
          value="elsewhere"
          defaultChecked={v.repository !== "here"}
          label="It lives elsewhere"
          note="Pubforge keeps a copy of the clone URL below."
        />
      </fieldset>
      <Field
        label="Clone URL (when it lives elsewhere)"
        name="cloneUrl"
        defaultValue={v.cloneUrl}
        placeholder="https://…"
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating nodes…" : "Create project"}
      </Button>
    </form>
  );
}
