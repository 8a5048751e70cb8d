import xml, { type Element } from "@xmpp/xml";
import { NS_DATA_FORMS, NS_XML_ELEMENT } from "@/lib/xmpp/dataform";
import { NS_XHTML } from "@/lib/forge/markdown";
import type { ScmKind } from "@/lib/scm/types";
import {
  DEFAULT_MERGE_REQUEST_STATUS,
  MERGE_REQUEST_STATUSES,
  mergeRequestStatusLabel,
} from "@/lib/forge/statuses";

import { MERGE_REQUESTS_FORM_TYPE } from "./codec";

/** The hidden `type` default tells Libervia how to read `request_data`. */
export function mergeRequestType(scm: ScmKind): string {
  return scm === "hg" ? "mercurial_changeset" : "git_patch";
}

const text = (name: string, type = "text-single") => xml("field", { type, var: name });

/**
 * The XEP-0346 schema of `fdp/template/org.salut-a-toi.merge_requests:0_<slug>` (item
 * `current`), shaped like Libervia's (fixtures/libervia/mr_schema.xml) plus Pubforge's extras.
 */
export function mergeRequestsSchemaForm(scm: ScmKind = "git"): Element {
  return xml(
    "x",
    { xmlns: NS_DATA_FORMS, type: "form" },
    xml("field", { type: "hidden", var: "FORM_TYPE" }, xml("value", {}, MERGE_REQUESTS_FORM_TYPE)),
    text("title"),
    text("author"),
    text("created"),
    text("updated"),
    text("labels", "text-multi"),
    xml(
      "field",
      { type: "list-single", var: "status", label: "status" },
      xml("value", {}, DEFAULT_MERGE_REQUEST_STATUS),
      ...MERGE_REQUEST_STATUSES.map((status) =>
        xml("option", { label: mergeRequestStatusLabel(status) }, xml("value", {}, status)),
      ),
    ),
    xml("field", { type: "hidden", var: "type" }, xml("value", {}, mergeRequestType(scm))),
    text("request_data", "text-multi"),
    xml(
      "field",
      { var: "body" },
      xml("wrapper", { xmlns: NS_XML_ELEMENT }, xml("div", { xmlns: NS_XHTML })),
    ),
    text("comments_uri"),
    text("body_markdown", "text-multi"),
    text("revision"),
    text("merged_revisions", "text-multi"),
    text("number"),
  );
}
