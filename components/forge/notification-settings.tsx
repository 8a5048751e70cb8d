"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ChoiceField } from "@/components/ui/choice-field";
import { FormOutcome } from "@/components/ui/form-outcome";
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
  return (
    <form action={action} className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="mb-2 font-medium">Deliver notifications</legend>
        <ChoiceField
          type="checkbox"
          id="deliver-inbox"
          name="inbox"
          defaultChecked={initial.inbox}
          label="To my inbox on this site"
          note="The count in the header, and the list at Inbox."
        />
        <ChoiceField
          type="checkbox"
          id="deliver-xmpp"
          name="xmpp"
          defaultChecked={initial.xmpp}
          label={`As XMPP messages to ${jid}`}
          note={`From ${instanceJid}, to your own chat client (Conversations, Gajim, Dino…). Several events close together make one message.`}
        />
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <FormOutcome state={state} />
    </form>
  );
}
