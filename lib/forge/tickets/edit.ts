import type { TicketFields } from "./operations";

/**
 * The fields a person changed in the edit form: those that differ from what the form showed
 * when it opened. Only these are republished, so an edit never reverts a change someone else
 * made meanwhile, and never blanks a body Pubforge cannot show as markdown (another client's
 * XHTML) when the person did not touch it.
 */
export function changedTicketFields(
  submitted: TicketFields,
  shown: TicketFields | undefined,
): Partial<TicketFields> {
  if (!shown) return submitted;
  const changed: Partial<TicketFields> = {};
  for (const key of Object.keys(submitted) as (keyof TicketFields)[]) {
    if (JSON.stringify(submitted[key]) !== JSON.stringify(shown[key])) {
      Object.assign(changed, { [key]: submitted[key] });
    }
  }
  return changed;
}
