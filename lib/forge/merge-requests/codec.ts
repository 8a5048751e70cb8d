import xml, { type Element } from "@xmpp/xml";
import {
  type DataForm,
  getValue,
  getValues,
  joinTextMulti,
  NS_DATA_FORMS,
  parseDataForm,
  serializeDataForm,
  setField,
  textMultiValues,
} from "@/lib/xmpp/dataform";
import { markdownToXhtmlElement } from "@/lib/forge/markdown";
import {
  bareJidValue,
  bodyValue,
  dateValue,
  decodeTypedForm,
  distinctNonEmpty,
  type FormBody,
  textValue,
} from "@/lib/forge/items/form-values";
import { parseItemNumber } from "@/lib/forge/items/number";
import { BareJidSchema } from "@/lib/xmpp/jid";
import type { ScmKind } from "@/lib/scm/types";
import { DEFAULT_MERGE_REQUEST_STATUS, type MergeRequestStatus } from "@/lib/forge/statuses";

export const MERGE_REQUESTS_FORM_TYPE = "org.salut-a-toi.merge_requests:0";

export interface MergeRequest {
  readonly title: string;
  /** Display name only. */
  readonly author: string | undefined;
  /** Who opened the request (Pubforge's `author_jid`); the publisher is the last editor. */
  readonly authorJid: string | undefined;
  readonly created: string | undefined;
  readonly updated: string | undefined;
  readonly labels: readonly string[];
  readonly status: MergeRequestStatus;
  /** The hidden `type` as written: Libervia's `mercurial_changeset`, Pubforge's `git_patch`, … */
  readonly patchType: string | undefined;
  /** Which tool applies the patch, from `type` or, failing that, from the patch's own header. */
  readonly scm: ScmKind | undefined;
  /** `request_data`, ending in a newline as `git am` and `hg import` expect. */
  readonly patch: string;
  /** Unsanitised, as received: render through sanitizeXhtml. */
  readonly body: FormBody | undefined;
  readonly commentsUri: string | undefined;
  /** Pubforge's extras: markdown source, revision number, where the series came from. */
  readonly bodyMarkdown: string | undefined;
  readonly revision: number;
  readonly sourceUrl: string | undefined;
  readonly sourceRef: string | undefined;
  readonly targetBranch: string | undefined;
  readonly mergedRevisions: readonly string[];
  /** Whom review was asked of (`reviewers`, jid-multi): bare JIDs, on any server. */
  readonly reviewers: readonly string[];
  /** The short number (!7) Pubforge gave it; none when another client published it. */
  readonly number: number | undefined;
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
    authorJid: bareJidValue(form, "author_jid"),
    created: dateValue(form, "created"),
    updated: dateValue(form, "updated"),
    labels: distinctNonEmpty(getValues(form, "labels")),
    status: textValue(form, "status") ?? DEFAULT_MERGE_REQUEST_STATUS,
    patchType,
    scm: scmOfType(patchType) ?? scmOfPatch(patch),
    patch,
    body: bodyValue(form, "body"),
    commentsUri: textValue(form, "comments_uri"),
    bodyMarkdown: form.fields.some((f) => f.var === "body_markdown")
      ? joinTextMulti(getValues(form, "body_markdown"))
      : undefined,
    revision: Math.max(1, Number.parseInt(getValue(form, "revision") ?? "1", 10) || 1),
    sourceUrl: textValue(form, "source_url"),
    sourceRef: textValue(form, "source_ref"),
    targetBranch: textValue(form, "target_branch"),
    mergedRevisions: distinctNonEmpty(getValues(form, "merged_revisions")),
    reviewers: reviewersOf(getValues(form, "reviewers")),
    number: parseItemNumber(getValue(form, "number")),
    form,
  };
}

/** More are dropped: a hostile item cannot make every page list thousands. */
export const MAX_REVIEWERS = 50;

function reviewersOf(values: readonly string[]): string[] {
  const jids = values.flatMap((value) => {
    const parsed = BareJidSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  return [...new Set(jids)].slice(0, MAX_REVIEWERS);
}

// Libervia (and Pubforge: see encodeMergeRequest) stores one <value> per line of the patch
// without its final newline, so joining the lines and putting that newline back gives the
// patch exactly (a git series ends with a blank line: its last value is empty). Other clients
// store the whole patch in one <value>, kept as it is. Both must give the same patch.
function patchText(values: readonly string[]): string {
  const text = joinTextMulti(values);
  if (text === "") return text;
  const oneValuePerLine = !values.some((value) => value.includes("\n"));
  return oneValuePerLine || !text.endsWith("\n") ? `${text}\n` : text;
}

/**
 * Whether two texts of a series are the same series: trailing blank lines, which copying from
 * a terminal drops, make no difference.
 */
export function sameSeries(a: string, b: string): boolean {
  return a.replace(/\n+$/, "") === b.replace(/\n+$/, "");
}

function scmOfType(type: string | undefined): ScmKind | undefined {
  if (type === "mercurial_changeset") return "hg";
  if (type === "git_patch" || type === "git") return "git";
  return undefined;
}

function scmOfPatch(patch: string): ScmKind | undefined {
  if (patch.startsWith("# HG changeset patch")) return "hg";
  if (/^From [0-9a-f]{40} /.test(patch)) return "git";
  return undefined;
}

/** Field types as Libervia's schema (fixtures/libervia/mr_schema.xml) and Pubforge's extras. */
const FIELD_TYPES: Record<string, string | undefined> = {
  FORM_TYPE: "hidden",
  title: "text-single",
  author: "text-single",
  created: "text-single",
  updated: "text-single",
  labels: "text-multi",
  status: "list-single",
  type: "hidden",
  request_data: "text-multi",
  body: undefined,
  comments_uri: "text-single",
  body_markdown: "text-multi",
  revision: "text-single",
  source_url: "text-single",
  source_ref: "text-single",
  target_branch: "text-single",
  merged_revisions: "text-multi",
  number: "text-single",
  author_jid: "jid-single",
  reviewers: "jid-multi",
};

export interface MergeRequestChanges {
  readonly title?: string;
  readonly status?: MergeRequestStatus;
  readonly labels?: readonly string[];
  readonly bodyMarkdown?: string;
  /** A new series replaces `request_data`; its revision number goes with it. */
  readonly patch?: { readonly text: string; readonly revision: number };
  readonly mergedRevisions?: readonly string[];
  readonly reviewers?: readonly string[];
  /** Only when its creator renumbers it after a race (items/numbering.ts). */
  readonly number?: number;
  readonly updated: string;
}

function changedFields(
  changes: MergeRequestChanges,
): [string, { values: string[] } | { xml: Element }][] {
  const out: [string, { values: string[] } | { xml: Element }][] = [
    ["updated", { values: [changes.updated] }],
  ];
  if (changes.title !== undefined) out.push(["title", { values: [changes.title] }]);
  if (changes.status !== undefined) out.push(["status", { values: [changes.status] }]);
  if (changes.labels !== undefined)
    out.push(["labels", { values: distinctNonEmpty(changes.labels) }]);
  if (changes.bodyMarkdown !== undefined) {
    out.push(["body", { xml: markdownToXhtmlElement(changes.bodyMarkdown) }]);
    out.push(["body_markdown", { values: textMultiValues(changes.bodyMarkdown) }]);
  }
  if (changes.patch !== undefined) {
    // One <value> per line, as Libervia writes request_data.
    out.push(["request_data", { values: textMultiValues(changes.patch.text.replace(/\n$/, "")) }]);
    out.push(["revision", { values: [String(changes.patch.revision)] }]);
  }
  if (changes.mergedRevisions !== undefined) {
    out.push(["merged_revisions", { values: [...changes.mergedRevisions] }]);
  }
  if (changes.reviewers !== undefined) {
    out.push(["reviewers", { values: distinctNonEmpty(changes.reviewers) }]);
  }
  if (changes.number !== undefined) out.push(["number", { values: [String(changes.number)] }]);
  return out;
}

/** The form to republish: changed fields rewritten, every other one kept as received. */
export function encodeMergeRequest(
  mergeRequest: MergeRequest,
  changes: MergeRequestChanges,
): Element {
  let form = mergeRequest.form;
  for (const [name, change] of changedFields(changes)) {
    form = setField(form, name, { type: FIELD_TYPES[name], ...change });
  }
  return serializeDataForm(form);
}

export interface NewMergeRequest {
  readonly title: string;
  readonly author: string;
  /** The bare JID of whoever opens it. */
  readonly authorJid: string;
  readonly created: string;
  readonly bodyMarkdown: string;
  readonly labels: readonly string[];
  /** `mercurial_changeset` or `git_patch`. */
  readonly patchType: string;
  readonly patch: string;
  readonly commentsUri: string;
  readonly sourceUrl: string;
  readonly sourceRef: string;
  readonly targetBranch: string;
  /** Its short number (items/numbering.ts); test corpora may leave it out. */
  readonly number?: number;
}

/** A new merge request in Libervia's field order, then Pubforge's extras. */
export function newMergeRequestForm(request: NewMergeRequest): Element {
  const values: [string, { values: string[] } | { xml: Element }][] = [
    ["FORM_TYPE", { values: [MERGE_REQUESTS_FORM_TYPE] }],
    ["title", { values: [request.title] }],
    ["author", { values: [request.author] }],
    ["created", { values: [request.created] }],
    ["updated", { values: [request.created] }],
    ["labels", { values: distinctNonEmpty(request.labels) }],
    ["status", { values: [DEFAULT_MERGE_REQUEST_STATUS] }],
    ["type", { values: [request.patchType] }],
    ["request_data", { values: textMultiValues(request.patch.replace(/\n$/, "")) }],
    ["body", { xml: markdownToXhtmlElement(request.bodyMarkdown) }],
    ["comments_uri", { values: [request.commentsUri] }],
    ["body_markdown", { values: textMultiValues(request.bodyMarkdown) }],
    ["revision", { values: ["1"] }],
    ["source_url", { values: request.sourceUrl ? [request.sourceUrl] : [] }],
    ["source_ref", { values: request.sourceRef ? [request.sourceRef] : [] }],
    ["target_branch", { values: request.targetBranch ? [request.targetBranch] : [] }],
    ["number", { values: request.number === undefined ? [] : [String(request.number)] }],
    ["author_jid", { values: [request.authorJid] }],
  ];
  const empty = parseDataForm(xml("x", { xmlns: NS_DATA_FORMS, type: "submit" }));
  const form = values.reduce(
    (built, [name, change]) => setField(built, name, { type: FIELD_TYPES[name], ...change }),
    empty,
  );
  return serializeDataForm(form);
}
