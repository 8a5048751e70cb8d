import type { Element } from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { itemsOfStanza } from "./item";
import { decodeMergeRequest, type MergeRequest } from "./merge-request-codec";
import { liberviaFixture, liberviaFixtureText } from "./test-fixtures";

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
    expect(f1.patch.endsWith("-- \n2.39.5\n")).toBe(true);
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
