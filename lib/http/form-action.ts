import { actionError, type ActionError } from "./action-result";
import type { Viewer } from "@/lib/forge/viewer";
import { viewerConnection } from "./browser-session";
import type { FormStateBase } from "./form-state";

const KEEP_TEXT = "Sign in again (in another tab, to keep your text here).";

/** Why nobody can act: the reason the XMPP session ended, when the server gave one. */
function signedOut(reason: string | undefined): ActionError {
  return {
    message: reason
      ? `Your XMPP session has ended: ${reason} ${KEEP_TEXT}`
      : `Your session has ended. ${KEEP_TEXT}`,
  };
}

/** The text fields of a submitted form, so a failed action can give every typed value back. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  form.forEach((value, key) => {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  });
  return values;
}

/**
 * Runs a form action as the signed-in viewer. Whatever fails, signed out included, comes back
 * as a message with the typed values, so no text is lost.
 */
export async function withViewer<State extends FormStateBase>(
  form: FormData,
  work: (viewer: Viewer) => Promise<State | void>,
): Promise<State> {
  const { viewer, state } = await viewerConnection();
  if (!viewer) return { error: signedOut(state?.reason), values: formValues(form) } as State;
  try {
    return (await work(viewer)) ?? ({} as State);
  } catch (error) {
    return { error: actionError(error), values: formValues(form) } as State;
  }
}
