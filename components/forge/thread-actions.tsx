"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { COMMENT_POSTED_EVENT, CommentForm } from "@/components/forge/comment-form";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** What a thread's buttons post, bound by the page. */
export interface ThreadActionsSpec {
  readonly replyAction: FormAction<FormState>;
  readonly resolveAction: FormAction<FormState>;
}

/**
 * A thread's Reply button, which creates its form in place on the first click (a page of many
 * threads sends no form per comment, and "Reply" labels only the form opened), and, for those
 * whose resolution counts, Resolve or Reopen. Escape or a posted reply closes the form and
 * returns focus to the button; a closed form keeps its draft.
 */
export function ThreadActions({
  commentId,
  actions,
  mayReply,
  resolve,
}: {
  /** The thread's first comment. */
  commentId: string;
  actions: ThreadActionsSpec;
  /** False in a locked thread, for everyone but its maintainers. */
  mayReply: boolean;
  /** The state the viewer may set the thread to, if they may. */
  resolve?: "resolved" | "open";
}) {
  const [opened, setOpened] = useState(false);
  const [shown, setShown] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const formId = `reply-${commentId.replace(/[^A-Za-z0-9_-]/g, "_")}`;

  useEffect(() => {
    const root = box.current;
    if (!root) return;
    const close = () => {
      setShown(false);
      button.current?.focus();
    };
    root.addEventListener(COMMENT_POSTED_EVENT, close);
    return () => root.removeEventListener(COMMENT_POSTED_EVENT, close);
  }, [opened]);

  useEffect(() => {
    if (shown) box.current?.querySelector("textarea")?.focus();
  }, [shown]);

  return (
    <div className="space-y-2 px-3 py-2">
      <div className="flex flex-wrap gap-2">
        {mayReply ? (
          <button
            ref={button}
            type="button"
            className={buttonClass("secondary")}
            aria-expanded={shown}
            aria-controls={opened ? formId : undefined}
            onClick={() => {
              setOpened(true);
              setShown((now) => !now);
            }}
          >
            Reply
          </button>
        ) : null}
        {resolve ? (
          <ResolveButton commentId={commentId} state={resolve} action={actions.resolveAction} />
        ) : null}
      </div>
      {opened ? (
        <div
          ref={box}
          id={formId}
          hidden={!shown}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            setShown(false);
            button.current?.focus();
          }}
        >
          <CommentForm
            action={actions.replyAction}
            hidden={{ commentId }}
            label="Reply"
            submitLabel="Reply"
          />
        </div>
      ) : null}
    </div>
  );
}

function ResolveButton({
  commentId,
  state,
  action,
}: {
  commentId: string;
  state: "resolved" | "open";
  action: FormAction<FormState>;
}) {
  const [result, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className="contents">
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="state" value={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {state === "resolved" ? "Resolve thread" : "Reopen thread"}
      </Button>
      {result.error ? <Alert>{result.error.message}</Alert> : null}
    </form>
  );
}
