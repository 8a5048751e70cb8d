"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormAction, WatchFormState } from "@/lib/http/form-state";

/**
 * A toggle: pressed while the viewer watches the project, ticket or merge request. The name
 * stays "Watch" (a screen reader says "pressed" or "not pressed"); the note says what it means.
 */
export function WatchButton({
  target,
  watching: initial,
  what,
  action: setWatching,
}: {
  target: string;
  watching: boolean;
  /** "this ticket", "this project"… */
  what: string;
  action: FormAction<WatchFormState>;
}) {
  const [state, action, pending] = useActionState<WatchFormState, FormData>(setWatching, {});
  const watching = state.watching ?? initial;
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="watch" value={watching ? "off" : "on"} />
      <Button
        type="submit"
        variant="secondary"
        aria-pressed={watching}
        aria-describedby="watch-note"
        disabled={pending}
        data-testid="watch-button"
      >
        <span aria-hidden>{watching ? "●" : "○"}</span>
        Watch
      </Button>
      <p id="watch-note" className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {watching
          ? `You are told of what happens in ${what}.`
          : `Watch ${what} to be told of what happens in it.`}
      </p>
      {state.error ? <Alert>{state.error.message}</Alert> : null}
    </form>
  );
}
