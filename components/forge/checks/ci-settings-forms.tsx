"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormOutcome } from "@/components/ui/form-outcome";
import { ProjectSettingForm } from "@/components/forge/project-setting-form";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

/**
 * Owners allow CI bots (any XMPP address) to publish checks, and remove them. `bots` is
 * undefined when the service would not tell this viewer (only owners may ask).
 */
export function CiBotsForm({
  projectId,
  bots,
  allowAction,
  removeAction,
}: {
  projectId: string;
  bots: readonly string[] | undefined;
  allowAction: FormAction<FormState>;
  removeAction: FormAction<FormState>;
}) {
  const [removed, remove, removing] = useActionState<FormState, FormData>(removeAction, {});
  return (
    <div className="space-y-3">
      {bots === undefined ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Only the project&apos;s owners can see and change its CI bots.
        </p>
      ) : bots.length === 0 ? (
        <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="ci-bots-none">
          No CI bot may publish checks yet.
        </p>
      ) : (
        <ul className="space-y-1" data-testid="ci-bots" aria-label="Allowed CI bots">
          {bots.map((jid) => (
            <li key={jid} className="flex items-center gap-3 text-sm">
              <code>{jid}</code>
              <form action={remove}>
                <PublishingControls>
                  <input type="hidden" name="projectId" value={projectId} />
                  <input type="hidden" name="jid" value={jid} />
                  <Button type="submit" variant="secondary" disabled={removing}>
                    Remove <span className="sr-only">{jid}</span>
                  </Button>
                </PublishingControls>
              </form>
            </li>
          ))}
        </ul>
      )}
      <FormOutcome state={removed} />
      <ProjectSettingForm
        projectId={projectId}
        action={allowAction}
        submitLabel="Allow bot"
        pendingLabel="Allowing…"
      >
        {(allowed) => (
          <Field
            label="Bot address"
            name="jid"
            id="ci-bot-jid"
            placeholder="ci@example.org"
            defaultValue={allowed.values?.jid}
            hint="Any XMPP account, on any server: it may then publish checks on this project's merge requests."
            required
          />
        )}
      </ProjectSettingForm>
    </div>
  );
}

/** Maintainers name the checks that must pass on a revision before it merges. */
export function RequiredChecksForm({
  projectId,
  required,
  action,
}: {
  projectId: string;
  required: readonly string[];
  action: FormAction<FormState>;
}) {
  return (
    <ProjectSettingForm projectId={projectId} action={action} submitLabel="Save required checks">
      {(state) => (
        <Field
          label="Required checks"
          name="names"
          id="required-checks"
          defaultValue={state.values?.names ?? required.join(", ")}
          placeholder="ci, lint"
          hint="Check names, separated by commas. Leave empty to require none."
        />
      )}
    </ProjectSettingForm>
  );
}
