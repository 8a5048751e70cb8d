"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

export interface MirrorPanelProps {
  projectId: string;
  /** The service holding this instance's copy ("" if none). */
  mirrorService: string;
  mirroredAt: string | null;
  progress?: {
    state: "copying" | "current" | "failed";
    done: number;
    total: number;
    error?: string;
  };
  /** Where a new mirror would go; undefined when this project cannot be mirrored here. */
  offerService?: string;
  /** Starts the mirror (the instance's own session does the copying). */
  mirrorAction: FormAction<FormState>;
}

/** A project's copy on this instance's own pubsub service: its state, or the offer to make one. */
export function MirrorPanel(props: MirrorPanelProps) {
  const [state, action, pending] = useActionState<FormState, FormData>(props.mirrorAction, {});
  const { progress } = props;
  if (props.mirrorService) {
    return (
      <div className="space-y-2" data-testid="mirror-panel">
        <p>
          Mirrored on <span className="font-mono text-xs">{props.mirrorService}</span>
          {progress?.state !== "copying" && props.mirroredAt
            ? `, current as of ${props.mirroredAt.slice(11, 16)} UTC`
            : ""}
          .
        </p>
        {progress?.state === "copying" ? (
          <div role="status">
            <label className="block text-zinc-700 dark:text-zinc-300">
              Copying node {progress.done} of {progress.total}…
              <progress className="mt-1 block w-full" value={progress.done} max={progress.total} />
            </label>
          </div>
        ) : null}
        {progress?.state === "failed" ? (
          <Alert>
            The last copy stopped: {progress.error}. It resumes by itself when the home service
            answers again.
          </Alert>
        ) : null}
      </div>
    );
  }
  if (!props.offerService) return null;
  return (
    <form action={action} className="space-y-2">
      <PublishingControls>
        {state.error ? <Alert>{state.error.message}</Alert> : null}
        <input type="hidden" name="projectId" value={props.projectId} />
        <p className="text-zinc-600 dark:text-zinc-400">
          Keep a copy on {props.offerService}: the project stays readable here when its home server
          is away, and catches up when it returns.
        </p>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Starting…" : `Mirror onto ${props.offerService}`}
        </Button>
      </PublishingControls>
    </form>
  );
}
