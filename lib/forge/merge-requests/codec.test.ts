import xml, { type Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { parseDataForm } from "@/lib/xmpp/dataform";
import { itemsOfStanza } from "@/lib/xmpp/testing/stanza-items";
import { parseSchemaForm } from "@/lib/forge/testing/schema-form";
import {
  decodeMergeRequest,
  encodeMergeRequest,
  type MergeRequest,
  newMergeRequestForm,
} from "./codec";
import { liberviaFixture, liberviaFixtureText } from "@/lib/forge/testing/fixtures";

function decoded(element: Element): MergeRequest {
  const result = decodeMergeRequest(element);
  if (!result.ok) throw new Error(result.reason);
  return result.mergeRequest;
}

describe("decodeMergeRequest", () => {
  it("gives the identical patch whether stored one value per line (f3) or as one value (f4)", () => {
    const f3 = decoded(liberviaFixture("f3_mr_hg_one_value_per_line.xml"));
    const f4 = decoded(liberviaFixture("f4_mr_hg_single_value.xml"));
    expect(f3.patch).toBe(f4.patch);
    expect(f3.patch.startsWith("# HG changeset patch\n# User Alice <alice@forge.test>\n")).toBe(
      true,
    );
    expect(f3.patch.endsWith("-a = 1\n+a = 2\n")).toBe(true);
    expect(f3.patch.split("\n")).toHaveLength(31);
    expect([f3.scm, f4.scm, f3.patchType]).toEqual(["hg", "hg", "mercurial_changeset"]);
  });

  it("reads a git patch with type git (f1) and without any type (f2) the same way", () => {
    const f1 = decoded(liberviaFixture("f1_mr_git_type.xml"));
    const f2 = decoded(liberviaFixture("f2_mr_no_type.xml"));
    expect(f1.patch).toBe(f2.patch);
    // As git format-patch ends it: a blank line after the version (the last, empty value).
    expect(f1.patch.endsWith("-- \n2.39.5\n\n")).toBe(true);
    expect([f1.patchType, f2.patchType]).toEqual(["git", undefined]);
    expect([f1.scm, f2.scm]).toEqual(["git", "git"]);
    expect(f1).toMatchObject({
      title: "git fix (type git)",
      author: "Carol",
      status: "queued",
      created: "2026-11-25T15:10:00Z",
    });
  });

  it("reads Libervia's merge requests, published and stored", () => {
    const published = decoded(itemsOfStanza(liberviaFixture("mr_publish_iq.xml"))[0]!.items[0]!);
    const stored = decoded(liberviaFixture("mr_item_raw.xml"));
    expect(stored.patch).toBe(published.patch);
    expect(stored).toMatchObject({
      title: "Fix crash on empty input",
      author: "Alice",
      labels: ["bugfix"],
      status: "queued",
      scm: "hg",
      commentsUri: expect.stringContaining("merge_requests%3A0_cZfXkkJg2pcmZTuRVRXKgo"),
    });
    expect(stored.patch).toContain("+        return []\n     return s.split()\n");
    const projA = decoded(liberviaFixture("mr_item_projA_raw.xml"));
    // Libervia titled it with the last line of the last commit message, and left the body empty.
    expect(projA.title).toBe("Details line.");
    expect(projA.body?.kind === "xhtml" && projA.body.div.children).toEqual([]);
  });

  it("keeps the text of the patch exactly, entities decoded", () => {
    const raw = liberviaFixtureText("f4_mr_hg_single_value.xml");
    expect(raw).toContain("&lt;alice@forge.test&gt;");
    expect(decoded(liberviaFixture("f4_mr_hg_single_value.xml")).patch).toContain(
      "# User Alice <alice@forge.test>\n",
    );
  });

  it("rejects tickets and forms without FORM_TYPE", () => {
    expect(decodeMergeRequest(liberviaFixture("d1_minimal.xml"))).toMatchObject({ ok: false });
    expect(decodeMergeRequest(liberviaFixture("d5_no_formtype.xml"))).toEqual({
      ok: false,
      reason: "the form has no FORM_TYPE, so nothing says it is a merge request",
    });
  });
});

describe("writing merge requests", () => {
  const patch = "# HG changeset patch\n# User Bob <bob@b.test>\n\ndiff --git a/x b/x\n";
  const base = {
    title: "Fix the parser",
    author: "bob",
    authorJid: "bob@b.test",
    created: "2026-11-25T10:00:00Z",
    bodyMarkdown: "Fixes **it**.",
    labels: ["parser"],
    patchType: "mercurial_changeset",
    patch,
    commentsUri: "xmpp:pubsub.a.test?;node=c",
    sourceUrl: "/srv/bob/fork",
    sourceRef: "fix",
    targetBranch: "default",
  };

  it("round-trips a new merge request with the patch one value per line", () => {
    const element = newMergeRequestForm(base);
    expect(element.toString()).toContain(
      "<value># HG changeset patch</value><value># User Bob &lt;bob@b.test&gt;</value>",
    );
    const decoded = decodeMergeRequest(element);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.mergeRequest).toMatchObject({
      title: "Fix the parser",
      scm: "hg",
      patch,
      revision: 1,
      status: "queued",
      sourceRef: "fix",
      targetBranch: "default",
      bodyMarkdown: "Fixes **it**.",
    });
  });

  it("a new revision replaces the patch and keeps fields it does not know", () => {
    const first = newMergeRequestForm(base);
    first.append(xml("field", { var: "x-ci", type: "text-single" }, xml("value", {}, "green")));
    const decoded = decodeMergeRequest(first);
    if (!decoded.ok) throw new Error(decoded.reason);
    const second = encodeMergeRequest(decoded.mergeRequest, {
      patch: { text: `${patch}+new line\n`, revision: 2 },
      updated: "2026-11-25T11:00:00Z",
    });
    expect(second.toString()).toContain(
      `<field var="x-ci" type="text-single"><value>green</value></field>`,
    );
    const again = decodeMergeRequest(second);
    expect(again.ok && again.mergeRequest.revision).toBe(2);
    expect(again.ok && again.mergeRequest.patch).toBe(`${patch}+new line\n`);
    expect(again.ok && again.mergeRequest.title).toBe("Fix the parser");
  });
});

describe("a Git merge request as Pubforge publishes it", () => {
  const form = newMergeRequestForm({
    title: "Add a flag",
    author: "bob",
    authorJid: "bob@b.test",
    created: "2026-11-25T10:00:00Z",
    bodyMarkdown: "",
    labels: [],
    patchType: "git_patch",
    patch:
      "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n",
    commentsUri: "xmpp:pubsub.a.test?;node=c",
    sourceUrl: "",
    sourceRef: "",
    targetBranch: "main",
  });

  it("has Libervia's fields with Libervia's types", () => {
    const schema = parseSchemaForm(liberviaFixture("mr_schema.xml"));
    const written = parseDataForm(form);
    for (const field of schema.fields) {
      const ours = written.fields.find((f) => f.var === field.var);
      expect(ours, field.var).toBeDefined();
      expect(ours?.type, field.var).toBe(field.type);
    }
  });

  it("says git_patch in `type` and stores the series one value per line", () => {
    const decoded = decodeMergeRequest(form);
    expect(decoded.ok && decoded.mergeRequest.patchType).toBe("git_patch");
    expect(decoded.ok && decoded.mergeRequest.scm).toBe("git");
    const values = parseDataForm(form).fields.find((f) => f.var === "request_data")?.values;
    expect(values).toEqual([
      "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001",
      "Subject: [PATCH] x",
    ]);
  });
});

describe("a merge request's short number", () => {
  const NOW = "2026-12-01T10:00:00Z";
  const NEW_REQUEST = {
    title: "Fix the parser",
    author: "bob",
    created: "2026-11-25T10:00:00Z",
    bodyMarkdown: "",
    labels: [],
    patchType: "git_patch",
    patch: "",
    commentsUri: "xmpp:pubsub.a.test?;node=c",
    sourceUrl: "",
    sourceRef: "",
    targetBranch: "main",
    authorJid: "bob@b.test",
  };

  it("is written when it is opened, kept by edits, rewritten only to renumber", () => {
    const opened = decodeMergeRequest(newMergeRequestForm({ ...NEW_REQUEST, number: 7 }));
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.mergeRequest.number).toBe(7);
    const edited = decodeMergeRequest(
      encodeMergeRequest(opened.mergeRequest, { status: "review", updated: NOW }),
    );
    expect(edited.ok && edited.mergeRequest.number).toBe(7);
    const renumbered = decodeMergeRequest(
      encodeMergeRequest(opened.mergeRequest, { number: 8, updated: NOW }),
    );
    expect(renumbered.ok && renumbered.mergeRequest.number).toBe(8);
  });
});
