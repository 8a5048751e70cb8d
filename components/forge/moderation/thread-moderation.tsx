import type { ThreadLock } from "@/lib/generated/prisma/client";
import { when } from "@/components/wiki/format";
import type { FormAction, FormState } from "@/lib/http/form-state";
import { ModerationButton } from "./moderation-button";

/** What a thread says when it is locked, where its comment form was. */
export function LockedNote({ lock }: { lock: Pick<ThreadLock, "lockedBy" | "lockedAt"> }) {
  return (
    <p
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      data-testid="locked-note"
    >
      Locked by <span className="font-medium">{lock.lockedBy}</span> on {when(lock.lockedAt)}: only
      the project&apos;s maintainers may comment.
    </p>
  );
}

export interface ModerationActions {
  deleteAction: FormAction<FormState>;
  lockAction: FormAction<FormState>;
  unlockAction: FormAction<FormState>;
}

/** A maintainer's tools for a ticket or merge request: delete it, lock or unlock its thread. */
export function ItemModeration({
  projectId,
  kind,
  id,
  locked,
  hasThread,
  actions,
}: {
  projectId: string;
  kind: "ticket" | "merge-request";
  id: string;
  locked: boolean;
  hasThread: boolean;
  actions: ModerationActions;
}) {
  const name = kind === "ticket" ? "ticket" : "merge request";
  return (
    <section
      aria-label="Moderation"
      className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h3 className="font-medium">Moderation</h3>
      {hasThread ? (
        <ModerationButton
          action={locked ? actions.unlockAction : actions.lockAction}
          hidden={{ projectId, parentId: id }}
          label={locked ? "Unlock thread" : "Lock thread"}
          pendingLabel={locked ? "Unlocking…" : "Locking…"}
          testId="lock-control"
        />
      ) : null}
      <ModerationButton
        action={actions.deleteAction}
        hidden={{ projectId, kind, id }}
        label={`Delete ${name}…`}
        pendingLabel="Deleting…"
        confirm={{
          question: `Delete this ${name} for everyone? It is retracted from the project's pubsub service and cannot be restored here.`,
          answer: `Delete ${name}`,
        }}
        testId="delete-item"
      />
    </section>
  );
}

/** A maintainer's delete button under one comment. */
export function CommentModeration({
  projectId,
  commentId,
  deleteAction,
}: {
  projectId: string;
  commentId: string;
  deleteAction: FormAction<FormState>;
}) {
  return (
    <div className="px-3 pb-2">
      <ModerationButton
        action={deleteAction}
        hidden={{ projectId, kind: "comment", id: commentId }}
        label="Delete…"
        pendingLabel="Deleting…"
        confirm={{
          question: "Delete this comment for everyone? It is retracted from its pubsub node.",
          answer: "Delete comment",
        }}
        testId="delete-comment"
      />
    </div>
  );
}
