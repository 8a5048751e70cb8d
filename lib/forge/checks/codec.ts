import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { attr, firstChildElement, xmlSafeText } from "@/lib/xmpp/xml";

/**
 * The items of `forge/<slug>/checks`: what a CI bot says about one revision of a merge request.
 *
 *   <check xmlns="urn:pubforge:checks:0" merge-request="<mr item id>" revision="3" name="ci"
 *          status="pending|success|failure" url="https://ci.example/run/7">
 *     <summary>last lines of output</summary>
 *   </check>      item id `<mr item id>_r<revision>_<name>`: one item per check per revision,
 *                 so a bot's later status replaces its earlier one.
 *
 * Who said it is the item's publisher as the service reports it, never a name in the payload.
 */
export const NS_CHECKS = "urn:pubforge:checks:0";

export const CHECK_STATUSES = ["pending", "success", "failure"] as const;
export const CheckStatusSchema = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

/** Longer summaries are cut here (the last lines of a log are what people read). */
export const MAX_SUMMARY_CHARS = 2_000;

/** A check's name, as bots write it and maintainers require it: short, and safe in an item id. */
export const CheckNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
    "Use letters, digits, dots, dashes and underscores (up to 40), like ci or lint",
  );

/** Merge request item ids are anyone's (Libervia picks its own); bounded and printable. */
const MergeRequestItemIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s\u0000-\u001f\u007f]+$/);

const RevisionSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number);

/** Only a web page may be linked; it is shown as a link and never fetched by Pubforge. */
const CheckUrlSchema = z
  .string()
  .max(2_000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === "https:" || url.protocol === "http:") && text === text.trim();
    } catch {
      return false;
    }
  }, "an http(s) URL");

const CheckAttrs = z.object({
  "merge-request": MergeRequestItemIdSchema,
  revision: RevisionSchema,
  name: CheckNameSchema,
  status: CheckStatusSchema,
  url: CheckUrlSchema.optional(),
});

export interface Check {
  /** The merge request's item id on the project's merge-requests node. */
  mergeRequest: string;
  revision: number;
  name: string;
  status: CheckStatus;
  url: string;
  summary: string;
}

export type CheckDecoding = { ok: true; check: Check } | { ok: false; reason: string };

export function checkItemId(check: Pick<Check, "mergeRequest" | "revision" | "name">): string {
  return `${check.mergeRequest}_r${check.revision}_${check.name}`;
}

/** The summary as it is kept: plain text, XML-safe, its last MAX_SUMMARY_CHARS. */
export function cappedSummary(text: string): string {
  const safe = xmlSafeText(text).trim();
  return safe.length > MAX_SUMMARY_CHARS ? safe.slice(safe.length - MAX_SUMMARY_CHARS) : safe;
}

export function encodeCheck(check: Check): Element {
  return xml(
    "check",
    {
      xmlns: NS_CHECKS,
      "merge-request": check.mergeRequest,
      revision: String(check.revision),
      name: check.name,
      status: check.status,
      ...(check.url ? { url: check.url } : {}),
    },
    xml("summary", {}, cappedSummary(check.summary)),
  );
}

/** Reads an item of the checks node; its id must be the one its payload implies. */
export function decodeCheck(item: PubsubItem): CheckDecoding {
  const payload = item.payload;
  if (!payload || payload.getName() !== "check" || payload.getNS() !== NS_CHECKS) {
    return { ok: false, reason: "not a check" };
  }
  const attrs = CheckAttrs.safeParse({
    "merge-request": attr(payload, "merge-request"),
    revision: attr(payload, "revision"),
    name: attr(payload, "name"),
    status: attr(payload, "status"),
    url: attr(payload, "url") || undefined,
  });
  if (!attrs.success) {
    const field = attrs.error.issues[0]?.path.join(".") ?? "?";
    return { ok: false, reason: `a check whose ${field} does not read` };
  }
  const check: Check = {
    mergeRequest: attrs.data["merge-request"],
    revision: attrs.data.revision,
    name: attrs.data.name,
    status: attrs.data.status,
    url: attrs.data.url ?? "",
    summary: cappedSummary(firstChildElement(payload, "summary", NS_CHECKS)?.text() ?? ""),
  };
  if (item.id !== checkItemId(check)) {
    return {
      ok: false,
      reason: "a check whose item id does not name its merge request, revision and name",
    };
  }
  return { ok: true, check };
}
