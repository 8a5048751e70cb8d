"use server";

import { revalidatePath } from "next/cache";
import { markNotifications, saveSettings, setWatching } from "@/lib/forge/notifications/operations";
import { withViewer } from "@/lib/http/form-action";
import type { FormState, WatchFormState } from "@/lib/http/form-state";

export async function setWatchAction(_: WatchFormState, form: FormData): Promise<WatchFormState> {
  return withViewer<WatchFormState>(form, async (viewer) => ({
    watching: await setWatching(viewer, Object.fromEntries(form)),
  }));
}

/** Read or unread, one notification or all; a plain form, so it works without script too. */
export async function markAction(form: FormData): Promise<void> {
  await withViewer<FormState>(form, async (viewer) => {
    await markNotifications(viewer, Object.fromEntries(form));
    revalidatePath("/inbox");
  });
}

export async function saveSettingsAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const saved = await saveSettings(viewer, Object.fromEntries(form));
    revalidatePath("/settings/notifications");
    const say = (on: boolean) => (on ? "on" : "off");
    return { done: `Saved: inbox ${say(saved.inbox)}, XMPP messages ${say(saved.xmpp)}.` };
  });
}
