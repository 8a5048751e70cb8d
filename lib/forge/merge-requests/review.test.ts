// Reviewers and verdicts against an in-memory pubsub service and a real SQLite cache: who may
// ask for review, verdicts bound to a revision, and the merge refusing what the review lacks.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findMergeRequest, listRevisions } from "@/lib/cache/merge-requests";
import { listComments } from "@/lib/cache/comments";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject } from "@/lib/forge/projects/operations";
import { setRequiredApprovals } from "@/lib/forge/projects/required-approvals";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { parseDataForm } from "@/lib/xmpp/dataform";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { mergeMergeRequest } from "./merge";
import { openMergeRequest, previewFromPatch } from "./operations";
import { pinOf } from "./pin";
import { reviewRequestsFor } from "@/lib/forge/dashboard/my-work";
import { changeReviewers, giveVerdict } from "./review";
import { verdictEntries } from "./review-state";

// The signature separator's trailing space is part of the format.
const PATCH = `From 0123456789012345678901234567890123456789 Mon Sep 17 00:00:00 2001
From: Bob <bob@b.test>
Date: Fri, 2 Jan 2026 00:00:00 +0000
Subject: [PATCH] Add a guide

---
 GUIDE.md | 1 +
 1 file changed, 1 insertion(+)
 create mode 100644 GUIDE.md

diff --git a/GUIDE.md b/GUIDE.md
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/GUIDE.md
@@ -0,0 +1 @@
+guide
-- 
2.39.2

`;

async function refusal(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("it was not refused");
}

describe("reviewers and verdicts", { timeout: 60_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  const carol = viewer("carol@c.test");
  let projectId: string;
  let mergeRequestId: string;

  beforeAll(async () => {
    projectId = await createProject(alice, projectForm("rev"));
    await setRequiredApprovals(alice, projectId, { requiredApprovals: "1" });
    const preview = previewFromPatch("git", PATCH);
    ({ id: mergeRequestId } = await openMergeRequest(
      bob,
      projectId,
      preview,
      { targetBranch: "main" },
      { title: "", bodyMarkdown: "", labels: [] },
    ));
  }, 60_000);
  afterAll(() => stopInstance());
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  const thread = async () => {
    const cached = (await findMergeRequest(mergeRequestId))!;
    const at = parseXmppUri(cached.commentsUri)!;
    return listComments(projectId, at.jid, at.node!);
  };
  const merge = async (who = alice) => {
    const current = (await listRevisions(mergeRequestId)).at(-1)!;
    return mergeMergeRequest(who, mergeRequestId, pinOf(current.revision, current.patch), "merge");
  };

  it("lets only the author or a maintainer ask for review, and records the change", async () => {
    expect(
      await refusal(changeReviewers(carol, mergeRequestId, { jid: "carol@c.test", change: "add" })),
    ).toMatchObject({ code: "not-author-or-maintainer" });
    await changeReviewers(bob, mergeRequestId, { jid: " Carol@C.test ", change: "add" });
    const cached = (await findMergeRequest(mergeRequestId))!;
    const item = pubsub.node(HOME, projectNodes("rev").mergeRequests)!.items.get(cached.itemId)!;
    const form = parseDataForm(item.getChildElements()[0]!);
    expect(form.fields.find((field) => field.var === "reviewers")).toMatchObject({
      type: "jid-multi",
      values: ["carol@c.test"],
    });
    const events = (await thread()).flatMap((comment) => (comment.event ? [comment.event] : []));
    expect(events.map((event) => JSON.parse(event))).toEqual([
      { field: "reviewers", from: [], to: ["carol@c.test"] },
    ]);
    // The cache keeps whom review was asked of, which carol's dashboard lists.
    expect(cached.reviewers).toBe(JSON.stringify(["carol@c.test"]));
    const asked = await reviewRequestsFor(carol, [projectId]);
    expect(asked.map((request) => request.id)).toEqual([mergeRequestId]);
    expect(await reviewRequestsFor(alice, [projectId])).toEqual([]);
    expect(
      await refusal(changeReviewers(bob, mergeRequestId, { jid: "not an address", change: "add" })),
    ).toMatchObject({ name: "ZodError" });
  });

  it("binds a verdict to the revision shown, and refuses an older one", async () => {
    expect(
      await refusal(giveVerdict(carol, mergeRequestId, { value: "approve", revision: "2" })),
    ).toMatchObject({ code: "verdict-revision-gone" });
    await giveVerdict(carol, mergeRequestId, {
      value: "request-changes",
      revision: "1",
      markdown: "Rename it.",
    });
    expect(verdictEntries(await thread())).toMatchObject([
      { publisher: "carol@c.test", verdict: { value: "request-changes", revision: 1 } },
    ]);
  });

  it("refuses the merge while approvals are missing or a reviewer requests changes", async () => {
    expect(await refusal(merge())).toMatchObject({
      code: "merge-blocked",
      data: {
        blockers: [
          { rule: "approvals", missing: 1 },
          { rule: "changes-requested", by: "carol@c.test", revision: 1 },
        ],
      },
    });
    // The author's approval is no approval; a maintainer's is.
    await giveVerdict(bob, mergeRequestId, { value: "approve", revision: 1 });
    await giveVerdict(alice, mergeRequestId, { value: "approve", revision: 1 });
    expect(await refusal(merge())).toMatchObject({
      data: { blockers: [{ rule: "changes-requested", by: "carol@c.test" }] },
    });
    await giveVerdict(carol, mergeRequestId, { value: "approve", revision: 1 });
    // Past the review rules: this project has no repository to merge into.
    expect(await refusal(merge())).toMatchObject({ code: "no-repository" });
  });
});
