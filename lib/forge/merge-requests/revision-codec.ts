import type { Element } from "@xmpp/xml";
import {
  buildForm,
  getValue,
  getValues,
  joinTextMulti,
  textMultiValues,
} from "@/lib/xmpp/dataform";
import { decodeTypedForm } from "@/lib/forge/items/form-values";

/**
 * One immutable revision of a merge request's series, item `<mr item id>_r<n>` of
 * `forge/<slug>/mr-revisions`. Libervia overwrites `request_data` on update; these keep
 * every series so reviewers can pick a revision and compare two.
 */
export const REVISION_FORM_TYPE = "urn:pubforge:merge-request-revision:0";

export interface MergeRequestRevision {
  readonly mergeRequest: string;
  readonly revision: number;
  readonly patch: string;
  readonly created: string | undefined;
}

export function revisionItemId(mergeRequestItemId: string, revision: number): string {
  return `${mergeRequestItemId}_r${revision}`;
}

export function encodeRevision(revision: MergeRequestRevision): Element {
  const fields: [string, string, string[]][] = [
    ["FORM_TYPE", "hidden", [REVISION_FORM_TYPE]],
    ["merge_request", "text-single", [revision.mergeRequest]],
    ["revision", "text-single", [String(revision.revision)]],
    ["created", "text-single", revision.created ? [revision.created] : []],
    ["request_data", "text-multi", textMultiValues(revision.patch.replace(/\n$/, ""))],
  ];
  return buildForm(fields);
}

export type RevisionDecoding =
  { ok: true; revision: MergeRequestRevision } | { ok: false; reason: string };

export function decodeRevision(element: Element): RevisionDecoding {
  const decoded = decodeTypedForm(element, REVISION_FORM_TYPE, "merge request revision");
  if (!decoded.ok) return decoded;
  const { form } = decoded;
  const revision = Number.parseInt(getValue(form, "revision") ?? "", 10);
  const mergeRequest = getValue(form, "merge_request");
  if (!mergeRequest || !(revision > 0)) {
    return { ok: false, reason: "the revision names no merge request or revision number" };
  }
  const text = joinTextMulti(getValues(form, "request_data"));
  return {
    ok: true,
    revision: {
      mergeRequest,
      revision,
      // encodeRevision dropped exactly one final newline; put exactly one back.
      patch: text === "" ? "" : `${text}\n`,
      created: getValue(form, "created"),
    },
  };
}
