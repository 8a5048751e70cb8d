import type { Element } from "@xmpp/xml";
import { type DataForm, getValue, getValues, joinTextMulti } from "./dataform";
import {
  bodyValue,
  dateValue,
  decodeTypedForm,
  distinctNonEmpty,
  type FormBody,
  textValue,
} from "./form-values";

export const MERGE_REQUESTS_FORM_TYPE = "org.salut-a-toi.merge_requests:0";

/** The statuses of Libervia's merge request schema; others are kept as they come. */
export type MergeRequestStatus = "queued" | "review" | "merged" | "rejected" | (string & {});

export interface MergeRequest {
  readonly title: string;
  /** Display name only; who wrote the item is the publisher the service reports. */
  readonly author: string | undefined;
  readonly created: string | undefined;
  readonly updated: string | undefined;
  readonly labels: readonly string[];
  readonly status: MergeRequestStatus;
  /** The hidden `type` as written: Libervia's `mercurial_changeset`, Pubforge's `git_patch`, … */
  readonly patchType: string | undefined;
  /** Which tool applies the patch, from `type` or, failing that, from the patch's own header. */
  readonly scm: "git" | "hg" | undefined;
  /** `request_data`, ending in a newline as `git am` and `hg import` expect. */
  readonly patch: string;
  /** Unsanitised, as received: render through sanitizeXhtml. */
  readonly body: FormBody | undefined;
  readonly commentsUri: string | undefined;
  readonly form: DataForm;
}

export type MergeRequestDecoding =
  { ok: true; mergeRequest: MergeRequest } | { ok: false; reason: string };

export function decodeMergeRequest(element: Element): MergeRequestDecoding {
  const decoded = decodeTypedForm(element, MERGE_REQUESTS_FORM_TYPE, "merge request");
  return decoded.ok ? { ok: true, mergeRequest: mergeRequestOfForm(decoded.form) } : decoded;
}

function mergeRequestOfForm(form: DataForm): MergeRequest {
  const patch = patchText(getValues(form, "request_data"));
  const patchType = textValue(form, "type");
  return {
    title: getValue(form, "title") ?? "",
    author: textValue(form, "author"),
    created: dateValue(form, "created"),
    updated: dateValue(form, "updated"),
    labels: distinctNonEmpty(getValues(form, "labels")),
    status: textValue(form, "status") ?? "queued",
    patchType,
    scm: scmOfType(patchType) ?? scmOfPatch(patch),
    patch,
    body: bodyValue(form, "body"),
    commentsUri: textValue(form, "comments_uri"),
    form,
  };
}

// Libervia stores one <value> per line, which loses whether the text ended in a newline;
// other clients store the whole patch in one <value>. Both must give the same patch.
function patchText(values: readonly string[]): string {
  const text = joinTextMulti(values);
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

function scmOfType(type: string | undefined): "git" | "hg" | undefined {
  if (type === "mercurial_changeset") return "hg";
  if (type === "git_patch" || type === "git") return "git";
  return undefined;
}

function scmOfPatch(patch: string): "git" | "hg" | undefined {
  if (patch.startsWith("# HG changeset patch")) return "hg";
  if (/^From [0-9a-f]{40} /.test(patch)) return "git";
  return undefined;
}
