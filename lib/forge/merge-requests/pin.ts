import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * What the person pressing Merge saw: the revision and a digest of its patch. The merge goes
 * ahead only if the merge request still holds exactly that, so a revision added just before
 * the button was pressed (by anyone who may publish to the tracker) is never merged unseen.
 */
export const MergePinSchema = z.object({
  revision: z.coerce.number().int().positive(),
  digest: z.string().regex(/^[0-9a-f]{64}$/, "The merge form is incomplete: reload the page."),
});
export type MergePin = z.infer<typeof MergePinSchema>;

/** Line endings and trailing newlines vary between a stored and a published copy. */
export function patchDigest(patch: string): string {
  const normalised = patch.replace(/\r\n/g, "\n").replace(/\n+$/, "");
  return createHash("sha256").update(normalised).digest("hex");
}

export function pinOf(revision: number, patch: string): MergePin {
  return { revision, digest: patchDigest(patch) };
}

export function matchesPin(pin: MergePin, revision: number, patch: string): boolean {
  return pin.revision === revision && pin.digest === patchDigest(patch);
}
