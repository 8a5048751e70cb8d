import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { NS_PUBFORGE_REVIEW } from "@/lib/forge/comments/review-namespace";

/** The Atom category term that marks an entry as a verdict. */
export const VERDICT_TERM = "verdict";

export const VERDICT_VALUES = ["approve", "request-changes", "comment"] as const;

/** Foreign input is hostile: exactly these attributes, a revision number of sane size. */
export const VerdictSchema = z.strictObject({
  value: z.enum(VERDICT_VALUES),
  revision: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/)
    .transform(Number),
});
export type Verdict = z.infer<typeof VerdictSchema>;
export type VerdictValue = Verdict["value"];

/** `<verdict xmlns="urn:pubforge:review:0" value="approve" revision="3"/>` */
export function verdictElement(verdict: Verdict): Element {
  return xml("verdict", {
    xmlns: NS_PUBFORGE_REVIEW,
    value: verdict.value,
    revision: String(verdict.revision),
  });
}

/** The verdict an element records, or undefined when it is not exactly one Pubforge writes. */
export function verdictOfElement(element: Element): Verdict | undefined {
  if (element.getChildElements().length > 0) return undefined;
  const attrs = Object.fromEntries(
    Object.entries(element.attrs).filter(([name]) => name !== "xmlns"),
  );
  const parsed = VerdictSchema.safeParse(attrs);
  return parsed.success ? parsed.data : undefined;
}

/** The sentence every client shows: "Approved revision 3". */
export function describeVerdict(verdict: Verdict): string {
  const said = {
    approve: "Approved",
    "request-changes": "Requested changes on",
    comment: "Reviewed",
  }[verdict.value];
  return `${said} revision ${verdict.revision}`;
}

export function verdictCategory(): Element {
  return xml("category", { scheme: NS_PUBFORGE_REVIEW, term: VERDICT_TERM });
}
