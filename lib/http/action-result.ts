import { ZodError } from "zod";
import { XmppFailure } from "@/lib/xmpp/errors";

/** What a failed server action tells its form: a message, and which field to mark. */
export interface ActionError {
  message: string;
  field?: string;
}

/** Turns anything an operation throws into a message for the person; unexpected ones are logged. */
export function actionError(error: unknown): ActionError {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return { message: issue?.message ?? "Check the form", field: issue?.path.join(".") };
  }
  if (error instanceof XmppFailure) return { message: error.message };
  console.error("action failed unexpectedly", error);
  return { message: "Something went wrong on the server; nothing was published. Try again." };
}
