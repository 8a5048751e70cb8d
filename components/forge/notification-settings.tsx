"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormAction, FormState } from "@/lib/http/form-state";

/** Delivery on or off: the inbox, and XMPP messages from the instance to the viewer's JID. */
export function NotificationSettingsForm({
  jid,
  instanceJid,
  initial,
  action: save,
}: {
  jid: string;
  instanceJid: string;
  initial: { inbox: boolean; xmpp: boolean };
  action: FormAction<FormState>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(save, {});
  const box = "mt-1 h-4 w-4 rounded border-zinc-400 accent-accent-600";
  return (
    <form action={action} className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="mb-2 font-medium">Deliver notifications</legend>
        <div className="flex items-start gap-2">
          <input
            id="deliver-inbox"
            name="inbox"
            type="checkbox"
            defaultChecked={initial.inbox}
            className={box}
          />
          <label htmlFor="deliver-inbox">
            To my inbox on this site
            <span className="block text-sm text-zinc-600 dark:text-zinc-400">
              The count in the header, and the list at Inbox.
            </span>
          </label>
        </div>
        <div className="flex items-start gap-2">
          <input
            id="deliver-xmpp"
            name="xmpp"
            type="checkbox"
            defaultChecked={initial.xmpp}
            className={box}
          />
          <label htmlFor="deliver-xmpp">
            As XMPP messages to {jid}
            <span className="block text-sm text-zinc-600 dark:text-zinc-400">
              From {instanceJid}, to your own chat client (Conversations, Gajim, Dino…). Several
              events close together make one message.
            </span>
          </label>
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      {state.error ? <Alert>{state.error.message}</Alert> : null}
      {state.done ? <Alert tone="info">{state.done}</Alert> : null}
    </form>
  );
}
