// Backlinks ("mentioned in") as the syncs record them: from tickets, merge requests and
// comments, hidden when a blocked publisher wrote them, gone with the text that said it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/cache/db";
import { listComments } from "@/lib/cache/comments";
import { listBacklinks } from "@/lib/cache/references";
import { findTicket } from "@/lib/cache/tickets";
import { addComment } from "@/lib/forge/comments/operations";
import { stopInstance } from "@/lib/forge/federation/instance";
import { openMergeRequest, previewFromPatch } from "@/lib/forge/merge-requests/operations";
import { createProject } from "@/lib/forge/projects/operations";
import { applyRetractions } from "@/lib/forge/sync/sync";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { ticketFields } from "@/lib/forge/testing/spam";
import { createTicket } from "@/lib/forge/tickets/operations";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { visibleBacklinks } from "./visible-backlinks";

const PATCH = `From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
From: Bob <bob@b.test>
Date: Thu, 3 Dec 2026 10:00:00 +0000
Subject: [PATCH] Add notes

---
 NOTES | 1 +
 1 file changed, 1 insertion(+)
 create mode 100644 NOTES

diff --git a/NOTES b/NOTES
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/NOTES
@@ -0,0 +1 @@
+notes
-- 
2.39.5
`;

describe("backlinks", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  const spammer = viewer("spam@evil.test");
  let projectId: string;

  beforeAll(async () => {
    projectId = await createProject(alice, projectForm("links"));
  }, 30_000);
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  const titles = async (kind: "ticket" | "merge-request", number: number) =>
    (await listBacklinks(projectId, kind, number)).map((s) => `${s.kind} ${s.number} ${s.title}`);

  it("list the tickets, merge requests and comments that name an item, not itself", async () => {
    const target = await createTicket(alice, projectId, {
      ...ticketFields("Crash"),
      bodyMarkdown: "Same as #1? (no: this is #1)",
    });
    const other = await createTicket(bob, projectId, {
      ...ticketFields("Slow"),
      bodyMarkdown: `Maybe caused by #${target.number}; not \`#${target.number}\` in code.`,
    });
    await openMergeRequest(
      bob,
      projectId,
      previewFromPatch("git", PATCH),
      { targetBranch: "main" },
      { title: "Notes", bodyMarkdown: `For #${target.number}.`, labels: [] },
    );
    const quiet = await createTicket(alice, projectId, ticketFields("Docs"));
    await addComment(bob, quiet.id, `Related: #${target.number} and !1`);

    expect((await titles("ticket", target.number)).sort()).toEqual([
      "merge-request 1 Notes",
      `ticket ${other.number} Slow`,
      `ticket ${quiet.number} Docs`,
    ]);
    expect(await titles("merge-request", 1)).toEqual([`ticket ${quiet.number} Docs`]);
  });

  it("hide what blocked publishers wrote, and forget a retracted comment", async () => {
    const target = await createTicket(alice, projectId, ticketFields("Target"));
    const home = await createTicket(alice, projectId, ticketFields("Home"));
    await addComment(spammer, home.id, `Buy now #${target.number}`);
    expect(await titles("ticket", target.number)).toEqual([`ticket ${home.number} Home`]);

    const db = await getDb();
    await db.moderationBlock.create({
      data: {
        id: `${HOME}/block/spam`,
        projectId,
        target: "evil.test",
        blockedAt: new Date(),
        rawXml: "<item/>",
      },
    });
    expect(await titles("ticket", target.number)).toEqual([]);
    await db.moderationBlock.deleteMany({ where: { projectId } });

    const thread = parseXmppUri((await findTicket(home.id))!.commentsUri)!;
    const [comment] = await listComments(projectId, thread.jid, thread.node!);
    await applyRetractions(thread.jid, thread.node!, [comment!.itemId]);
    expect(await titles("ticket", target.number)).toEqual([]);
  });

  it("name items across projects, shown only to viewers who may read where they are named", async () => {
    const target = await createTicket(alice, projectId, ticketFields("Shared parser"));
    const ref = `${HOME}/links#${target.number}`;
    const closedId = await createProject(
      alice,
      projectForm("links-closed", { access: "whitelist" }),
    );
    const openId = await createProject(bob, projectForm("links-open"));
    const secret = await createTicket(alice, closedId, {
      ...ticketFields("Secret plan"),
      bodyMarkdown: `Blocked by ${ref}.`,
    });
    const open = await createTicket(bob, openId, ticketFields("Public"));
    await addComment(bob, open.id, `Same as ${ref.toUpperCase()}, not \`${ref}\`.`);
    // The same number in another project is another item.
    await createTicket(bob, openId, { ...ticketFields("Elsewhere"), bodyMarkdown: "See #1." });

    const seen = async (who: typeof alice | null) =>
      (await visibleBacklinks(who, projectId, "ticket", target.number))
        .map((s) => `${s.projectId}#${s.number} ${s.title}`)
        .sort();
    expect(await seen(alice)).toEqual([
      `${closedId}#${secret.number} Secret plan`,
      `${openId}#${open.number} Public`,
    ]);
    expect(await seen(bob)).toEqual([`${openId}#${open.number} Public`]);
    expect(await seen(null)).toEqual([`${openId}#${open.number} Public`]);

    // A block by the named item's maintainers hides what a stranger wrote in their own project.
    const db = await getDb();
    await db.moderationBlock.create({
      data: {
        id: `${HOME}/block/bob`,
        projectId,
        target: "bob@b.test",
        blockedAt: new Date(),
        rawXml: "<item/>",
      },
    });
    expect(await seen(alice)).toEqual([`${closedId}#${secret.number} Secret plan`]);
    await db.moderationBlock.deleteMany({ where: { projectId } });
  });
});
