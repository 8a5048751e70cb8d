import { z } from "zod";

/**
 * Short numbers of tickets (#12) and merge requests (!7): the `number` field of the item's
 * form, which Pubforge writes when it creates the item (see numbering.ts). Anyone can
 * publish anything there, so it is read strictly: digits only, no leading zero, bounded.
 */
export const MAX_ITEM_NUMBER = 999_999_999;

export const ItemNumberSchema = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]{0,8}$/)
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ITEM_NUMBER));

/** The number a form value or URL segment holds, or nothing when it holds none. */
export function parseItemNumber(text: string | undefined): number | undefined {
  const parsed = ItemNumberSchema.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}
