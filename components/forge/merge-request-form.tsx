"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceField } from "@/components/ui/choice-field";
import { Field, inputClass } from "@/components/ui/field";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, MergeRequestFormState } from "@/lib/http/form-state";

/**
 * Opening a merge request: from a branch of a repository (Pubforge mirrors it and computes the
 * series) or from a pasted/uploaded patch. "Preview" shows the commits and files first; the
 * server recomputes the series when the request is opened, so nothing is trusted from the page.
 * Both buttons dispatch by hand rather than through `<form action>`: React resets a form
 * after its action, which would drop the chosen file between "Preview" and "Open".
 */
export function MergeRequestForm({
  projectId,
  defaultSource,
  defaultSourceRef,
  defaultTarget,
  previewAction,
  openAction,
}: {
  projectId: string;
  defaultSource: string;
  /** A branch to merge, when the form is opened from a comparison. */
  defaultSourceRef?: string;
  defaultTarget: string;
  previewAction: FormAction<MergeRequestFormState>;
  openAction: FormAction<MergeRequestFormState>;
}) {
  const [mode, setMode] = useState<"branch" | "patch">("branch");
  const [upload, setUpload] = useState<File | null>(null);
  const [previewState, preview, previewing] = useActionState<MergeRequestFormState, FormData>(
    previewAction,
    {},
  );
  const [openState, open, opening] = useActionState<MergeRequestFormState, FormData>(
    openAction,
    {},
  );
  const error = openState.error ?? previewState.error;
  const summary = previewState.preview;
  const v = openState.values ?? previewState.values ?? {};

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget);
    data.delete("patchFile");
    if (mode === "patch" && upload) data.set("patchFile", upload);
    const dispatch = submitter?.dataset.intent === "preview" ? preview : open;
    startTransition(() => dispatch(data));
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <PublishingControls>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="mode" value={mode} />
        <fieldset className="flex gap-4">
          <legend className="sr-only">Where the changes come from</legend>
          {(["branch", "patch"] as const).map((m) => (
            <label key={m} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="source-mode"
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              {m === "branch" ? "From a branch" : "Paste or upload a patch"}
            </label>
          ))}
        </fieldset>

        {mode === "branch" ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="sm:col-span-3">
              <Field
                label="Source repository"
                name="sourceUrl"
                defaultValue={v.sourceUrl ?? defaultSource}
                hint="Your fork: a clone URL or a path this server can read."
              />
            </div>
            <Field
              label="Source branch"
              name="sourceRef"
              defaultValue={v.sourceRef ?? defaultSourceRef}
              placeholder="my-feature"
            />
            <Field
              label="Target branch"
              name="targetBranch"
              defaultValue={v.targetBranch ?? defaultTarget}
            />
          </div>
        ) : (
          <div className="space-y-2">
            <label htmlFor="mr-patch" className="block text-sm font-medium">
              Patch (<code>git format-patch</code> or <code>hg export</code> output)
            </label>
            <textarea
              id="mr-patch"
              name="patch"
              rows={10}
              defaultValue={v.patch}
              className={`${inputClass} font-mono text-xs`}
            />
            <label htmlFor="mr-patch-file" className="block text-sm font-medium">
              …or upload a patch file
            </label>
            <input
              id="mr-patch-file"
              type="file"
              name="patchFile"
              accept=".patch,.diff,.txt,text/plain"
              className="text-sm"
              aria-describedby={upload ? "mr-patch-file-chosen" : undefined}
              onChange={(event) => setUpload(event.currentTarget.files?.[0] ?? null)}
            />
            {upload ? (
              <p id="mr-patch-file-chosen" className="text-sm text-zinc-600 dark:text-zinc-400">
                Using <span className="font-medium">{upload.name}</span> (
                {Math.max(1, Math.round(upload.size / 1024))} KB) instead of the text above.
              </p>
            ) : null}
          </div>
        )}

        <Button type="submit" variant="secondary" data-intent="preview" disabled={previewing}>
          {previewing ? "Computing the series…" : "Preview"}
        </Button>

        {error ? <Alert>{error.message}</Alert> : null}

        {summary ? (
          <section
            aria-label="Preview"
            className="space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
          >
            <h3 className="font-semibold">
              {summary.commits.length} {summary.commits.length === 1 ? "commit" : "commits"},{" "}
              {summary.files.length} {summary.files.length === 1 ? "file" : "files"} changed
            </h3>
            <ol className="space-y-1 text-sm" data-testid="preview-commits">
              {summary.commits.map((c) => (
                <li key={c.id}>
                  <code className="text-xs">{c.id}</code> {c.subject}{" "}
                  <span className="text-zinc-600 dark:text-zinc-400">— {c.author}</span>
                </li>
              ))}
            </ol>
            <ul className="text-sm">
              {summary.files.map((f) => (
                <li key={f.path} className="font-mono text-xs">
                  {f.path}{" "}
                  <span className="text-emerald-700 dark:text-emerald-400">+{f.added}</span>{" "}
                  <span className="text-red-700 dark:text-red-400">−{f.removed}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <div key={summary?.title ?? ""} className="space-y-4">
          <Field
            label="Title"
            name="title"
            maxLength={300}
            defaultValue={v.title || summary?.title}
            placeholder="Defaults to the last commit's subject"
          />
          <div className="space-y-1">
            <label htmlFor="mr-body" className="block text-sm font-medium">
              Description{" "}
              <span className="font-normal text-zinc-600 dark:text-zinc-400">(markdown)</span>
            </label>
            <textarea
              id="mr-body"
              name="body"
              rows={5}
              maxLength={100_000}
              defaultValue={v.body || summary?.body}
              className={`${inputClass} font-mono`}
            />
          </div>
          <Field label="Labels" name="labels" defaultValue={v.labels} hint="Comma-separated" />
          <ChoiceField
            type="checkbox"
            id="mr-draft"
            name="draft"
            defaultChecked={v.draft === "on"}
            label="Open as a draft"
            note="Not mergeable until marked as ready; the title starts with “Draft:”, which every client shows."
          />
        </div>
        <Button type="submit" disabled={opening}>
          {opening ? "Publishing…" : "Open merge request"}
        </Button>
      </PublishingControls>
    </form>
  );
}
