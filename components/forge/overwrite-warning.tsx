"use client";

import { useActionState, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PublishingControls } from "@/components/forge/publishing-controls";
import type { FormAction, FormState } from "@/lib/http/form-state";

export interface FlaggedItem {
  kind: "ticket" | "merge-request";
  /** The item's cache id. */
  itemKey: string;
  /** The version whose flag is shown: acting on a newer one is refused. */
  digest: string;
  flaggedBy: string;
  firstPublisher: string;
}

const WORDS = {
  ticket: { noun: "ticket", filed: "file" },
  "merge-request": { noun: "merge request", filed: "open" },
};

/**
 * The warning on a ticket or merge request that someone republished who neither filed it nor
 * maintains the project (lib/forge/items/overwrite-flag.ts), with Revert and Keep for those
 * who may (the service decides: a refusal comes back as an error).
 */
export function OverwriteWarning({
  item,
  signedIn,
  revertAction,
  keepAction,
}: {
  item: FlaggedItem;
  signedIn: boolean;
  revertAction: FormAction<FormState>;
  keepAction: FormAction<FormState>;
}) {
  const headingId = useId();
  const [reverted, revert, reverting] = useActionState<FormState, FormData>(revertAction, {});
  const [kept, keep, keeping] = useActionState<FormState, FormData>(keepAction, {});
  const words = WORDS[item.kind];
  const error = reverted.error ?? kept.error;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="overwrite-warning"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <h3 id={headingId} className="font-semibold">
        <FlagIcon /> Changed by <span data-testid="overwritten-by">{item.flaggedBy}</span>, who did
        not {words.filed} it
      </h3>
      <p>
        {item.firstPublisher ? `${item.firstPublisher} published this ${words.noun} first. ` : ""}
        Anyone who can read the tracker can republish it, so this version may not say what its
        author wrote. A maintainer can revert it to the last version its author or a maintainer
        published, or keep it.
      </p>
      {signedIn ? (
        <PublishingControls>
          <div className="flex flex-wrap gap-2">
            <form action={revert}>
              <Fields item={item} />
              <Button type="submit" disabled={reverting || keeping}>
                {reverting ? "Reverting…" : "Revert"}
              </Button>
            </form>
            <form action={keep}>
              <Fields item={item} />
              <Button type="submit" variant="secondary" disabled={reverting || keeping}>
                {keeping ? "Keeping…" : "Keep"}
              </Button>
            </form>
          </div>
        </PublishingControls>
      ) : null}
      {error ? <Alert>{error.message}</Alert> : null}
    </section>
  );
}

function Fields({ item }: { item: FlaggedItem }) {
  return (
    <>
      <input type="hidden" name="kind" value={item.kind} />
      <input type="hidden" name="itemKey" value={item.itemKey} />
      <input type="hidden" name="shown" value={item.digest} />
    </>
  );
}

/** The small mark of a flagged item in a list. */
export function OverwriteMark({ kind, flaggedBy }: Pick<FlaggedItem, "kind" | "flaggedBy">) {
  const why = `by ${flaggedBy}, who did not ${WORDS[kind].filed} it`;
  return (
    <span
      data-testid="overwrite-mark"
      title={`Changed ${why}`}
      className="inline-flex items-center gap-1 rounded border border-amber-300 bg-amber-50 px-1.5 text-xs font-medium text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <FlagIcon />
      changed<span className="sr-only"> {why}</span>
    </span>
  );
}

function FlagIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="inline h-3.5 w-3.5 fill-current align-[-2px]">
      <path d="M3 1.5a.5.5 0 0 1 .5.5v.5h8.2a.5.5 0 0 1 .4.8L10.3 6l1.8 2.7a.5.5 0 0 1-.4.8H3.5v5a.5.5 0 0 1-1 0V2a.5.5 0 0 1 .5-.5z" />
    </svg>
  );
}
