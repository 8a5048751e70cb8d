import type { Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { decodeComment } from "./comments/codec";
import { formType, parseDataForm } from "@/lib/xmpp/dataform";
import { itemsOfStanza } from "@/lib/xmpp/testing/stanza-items";
import { decodeMergeRequest } from "./merge-requests/codec";
import { parseSchemaForm } from "./testing/schema-form";
import { liberviaFixture, liberviaFixtureNames } from "./testing/fixtures";
import { decodeTicket } from "./tickets/codec";

/** A stanza's single item, or the fixture itself when it is already an item or a payload. */
function payloadOf(root: Element): Element {
  return root.name === "iq" ? itemsOfStanza(root)[0]!.items[0]! : root;
}

const accepted = (result: { ok: boolean }) => expect(result).toMatchObject({ ok: true });
const rejected = (result: { ok: boolean }) =>
  expect(result).toMatchObject({ ok: false, reason: expect.any(String) });

// What each capture must do; the directory listing below fails on any capture not in here.
const EXPECTATIONS: Record<string, (root: Element) => void> = {
  "comment_publish_iq.xml": (root) => accepted(decodeComment(payloadOf(root))),
  "comments_node_create_iq.xml": (root) => {
    const x = root.getChildByAttr("xmlns", "jabber:x:data", undefined, true)!;
    expect(formType(parseDataForm(x))).toBe("http://jabber.org/protocol/pubsub#node_config");
  },
  "d1_minimal.xml": (root) => accepted(decodeTicket(root)),
  "d2_extra.xml": (root) => accepted(decodeTicket(root)),
  "d2_extra_after_libervia_update.xml": (root) => accepted(decodeTicket(root)),
  "d3_untyped_extra.xml": (root) => accepted(decodeTicket(root)),
  "d4_other_formtype.xml": (root) => rejected(decodeTicket(root)),
  "d5_no_formtype.xml": (root) => rejected(decodeTicket(root)),
  "f1_mr_git_type.xml": (root) => accepted(decodeMergeRequest(root)),
  "f2_mr_no_type.xml": (root) => accepted(decodeMergeRequest(root)),
  "f3_mr_hg_one_value_per_line.xml": (root) => accepted(decodeMergeRequest(root)),
  "f4_mr_hg_single_value.xml": (root) => accepted(decodeMergeRequest(root)),
  "libervia_ticket_after_update.xml": (root) => accepted(decodeTicket(root)),
  "libervia_ticket_before_update.xml": (root) => accepted(decodeTicket(root)),
  "mr_item_projA_raw.xml": (root) => accepted(decodeMergeRequest(root)),
  "mr_item_raw.xml": (root) => accepted(decodeMergeRequest(root)),
  "mr_publish_iq.xml": (root) => accepted(decodeMergeRequest(payloadOf(root))),
  "mr_schema.xml": (root) =>
    expect(parseSchemaForm(root).formType).toBe("org.salut-a-toi.merge_requests:0"),
  "ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projQ.xml": (root) =>
    accepted(decodeTicket(root)),
  "ticket_item_fdp_submitted_org.salut-a-toi.tickets_0_projX.xml": (root) =>
    accepted(decodeTicket(root)),
  "ticket_publish_iq.xml": (root) => accepted(decodeTicket(payloadOf(root))),
  "tickets_schema.xml": (root) =>
    expect(parseSchemaForm(root).formType).toBe("org.salut-a-toi.tickets:0"),
  "tickets_schema_task.xml": (root) =>
    expect(parseSchemaForm(root).formType).toBe("org.salut-a-toi.tickets:0"),
};

describe("every Libervia capture", () => {
  it("has an expectation", () => {
    expect(liberviaFixtureNames()).toEqual(Object.keys(EXPECTATIONS).sort());
  });

  it.each(liberviaFixtureNames())("%s is read, or rejected with a reason", (name) => {
    EXPECTATIONS[name]!(liberviaFixture(name));
  });
});
