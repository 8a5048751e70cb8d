"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { WikiBase } from "@/lib/forge/wiki/state";
import type { FormAction, WikiFormState } from "@/lib/http/form-state";
import { WikiConflictView } from "./wiki-conflict";
import { wikiProseClass } from "./format";
import { PublishingControls } from "@/components/forge/publishing-controls";

export interface WikiEditorProps {
  projectId: string;
  slug: string;
  title: string;
  markdown: string;
  /** The revision the editor starts from (0: a new page). */
  base: WikiBase;
  /** The newest revision the cache knows; changes live while the editor is open. */
  latest: { revision: number; publisher: string } | null;
  previewHtml: string;
  cancelHref: string;
  saveAction: FormAction<WikiFormState>;
  /** The page's text rendered as the page itself renders it. */
  previewAction: (projectId: string, markdown: string) => Promise<string>;
}

const PREVIEW_DELAY_MS = 300;

/**
 * The page editor. Its fields are uncontrolled and it never resets them: live re-renders (the
 * page changing under it) and failed or conflicting saves leave the person's text exactly as
 * it is. The revision it started from is fixed when it opens, so a save after someone else's
 * shows the conflict instead of overwriting it.
 */
export function WikiEditor(props: WikiEditorProps) {
  const [opened] = useState(() => ({
    title: props.title,
    markdown: props.markdown,
    base: props.base,
  }));
  const [state, formAction, pending] = useActionState<WikiFormState, FormData>(
    props.saveAction,
    {},
  );
  const base = state.conflict?.base ?? opened.base;
  const [preview, setPreview] = useState(props.previewHtml);
  const timer = useRef<number | null>(null);
  const sequence = useRef(0);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  function schedulePreview(markdown: string) {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const asked = ++sequence.current;
      props
        .previewAction(props.projectId, markdown)
        .then((html) => {
          if (asked === sequence.current) setPreview(html);
        })
        .catch(() => {
          // A preview that fails to arrive leaves the previous one; saving still works.
        });
    }, PREVIEW_DELAY_MS);
  }

  const changedMeanwhile =
    !state.conflict && props.latest !== null && props.latest.revision !== base.revision;

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        // Not `action=`: React resets a form after its action runs, and the text must stay.
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <PublishingControls>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
        {changedMeanwhile ? (
          <div data-testid="wiki-changed-meanwhile">
            <Alert tone="warning">
              {props.latest?.publisher || "Someone"} saved revision {props.latest?.revision} of this
              page while you were editing. Your text is kept; saving will show both versions first.
            </Alert>
          </div>
        ) : null}
        {state.conflict ? <WikiConflictView conflict={state.conflict} /> : null}
        <input type="hidden" name="projectId" value={props.projectId} />
        <input type="hidden" name="slug" value={props.slug} />
        <input type="hidden" name="baseRevision" value={base.revision} />
        <input type="hidden" name="baseDigest" value={base.digest} />
        <Field
          label="Title"
          name="title"
          required
          maxLength={200}
          defaultValue={opened.title}
          invalid={state.error?.field === "title"}
        />
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="wiki-markdown" className="block text-sm font-medium">
              Page text{" "}
              <span className="font-normal text-zinc-600 dark:text-zinc-400">
                (markdown; [[Page name]] links to a page)
              </span>
            </label>
            <textarea
              id="wiki-markdown"
              name="markdown"
              rows={20}
              defaultValue={opened.markdown}
              className={`${inputClass} font-mono`}
              onInput={(event) => schedulePreview(event.currentTarget.value)}
              onKeyDown={(event) => {
                if ((event.ctrlKey || event.metaKey) && event.key === "Enter")
                  event.currentTarget.form?.requestSubmit();
              }}
              aria-keyshortcuts="Control+Enter"
            />
          </div>
          <section aria-label="Preview" className="space-y-1">
            <h3 className="text-sm font-medium">Preview</h3>
            <div
              data-testid="wiki-preview"
              className={`${wikiProseClass} min-h-40 rounded-md border border-dashed border-zinc-300 p-3 dark:border-zinc-700`}
              dangerouslySetInnerHTML={{ __html: preview }}
            />
          </section>
        </div>
        <Field
          label="Edit summary"
          name="summary"
          maxLength={300}
          hint="What you changed and why, for the page's history"
        />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Publishing…" : state.conflict ? "Save over their version" : "Save page"}
          </Button>
          <Link href={props.cancelHref} className={buttonClass("ghost")}>
            Cancel
          </Link>
          <span className="text-xs text-zinc-600 dark:text-zinc-400">Ctrl+Enter to save</span>
        </div>
      </PublishingControls>
    </form>
  );
}
