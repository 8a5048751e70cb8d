import type { FormState } from "@/lib/http/form-state";
import { Alert } from "./alert";

/** What a form's last submission came to: its error, or what was done. */
export function FormOutcome({ state }: { state: FormState }) {
  if (state.error) return <Alert>{state.error.message}</Alert>;
  if (state.done) return <Alert tone="info">{state.done}</Alert>;
  return null;
}
