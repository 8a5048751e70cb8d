import type { WikiConflict } from "@/lib/forge/wiki/state";
import type { ActionError } from "./action-result";

/*
 * What server actions answer their forms. Types only: the client components that render the
 * forms import them, and the actions themselves reach those components as props from the pages.
 */

/** What every form's server action can answer: an error, and the values to put back. */
export interface FormStateBase {
  error?: ActionError;
  values?: Record<string, string>;
}

/** A form whose action may also say what it did ("Saved.", "Comment posted."). */
export type FormState = FormStateBase & { done?: string };

/** A server action as `useActionState` calls it. */
export type FormAction<State> = (state: State, form: FormData) => Promise<State>;

/** The series a merge request would carry, shown before it is opened. */
export interface PreviewSummary {
  title: string;
  body: string;
  commits: { id: string; subject: string; author: string; date: string }[];
  files: { path: string; status: string; added: number; removed: number }[];
}

export type MergeRequestFormState = FormState & { preview?: PreviewSummary };

export type WikiFormState = FormState & {
  /** Both versions, when someone else saved the page since the editor opened. */
  conflict?: WikiConflict;
};

/** The tokens page: a new token is shown once, right after it was made. */
export type TokenFormState = FormState & { created?: { token: string; name: string } };

/** The watch button: whether the viewer watches the target after the action. */
export type WatchFormState = FormState & { watching?: boolean };
