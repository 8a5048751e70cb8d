import { expect, test } from "@playwright/test";
import { projectNodes } from "@/lib/forge/nodes";
import { decodeTicket, encodeTicket, newTicketForm } from "@/lib/forge/tickets/codec";
import { bareJid } from "@/lib/xmpp/jid";
import { getItems, publish } from "@/lib/xmpp/pubsub";
import { createProject, fileTicket, seriousViolations, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";
import { xmppClient } from "./xmpp-client";

/**
 * Issue #12, review integrity: trackers are publish_model=open, so anyone who may read one can
 * republish someone else's ticket or merge request. Pubforge flags such a version, keeps the
 * one before, and lets a maintainer revert or keep it. And in a members-only project, what a
 * non-member publishes (the service lets them) is not shown.
 */
const SERVICE = "pubsub.a.test";

/** The title of a ticket item as any client reads it. */
function titleOf(element: Parameters<typeof decodeTicket>[0]): string {
  const decoded = decodeTicket(element);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.ticket.title;
}

test.describe("overwrites", () => {
  test("a ticket republished by someone else is flagged, and its author reverts it", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const slug = "overwrite";
    const tickets = projectNodes(slug).tickets;
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Overwrite", slug });
    await fileTicket(alice, `/p/${SERVICE}/${slug}`, "Original title");
    await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");

    // bob@b.test, with a plain client, republishes alice's ticket under its own id.
    const bob = await xmppClient("bob@b.test");
    const reader = await xmppClient("carol@a.test");
    try {
      const [item] = await getItems(bob, SERVICE, tickets);
      const decoded = item ? decodeTicket(item.element) : undefined;
      if (!item || !decoded?.ok) throw new Error("alice's ticket is not on the node");
      const defaced = encodeTicket(decoded.ticket, {
        title: "Send your password to bob",
        updated: new Date().toISOString(),
      });
      await publish(bob, SERVICE, tickets, defaced, { id: item.id });

      // Alice's open page changes by itself: the new title, and who changed it.
      await expect(alice.getByTestId("ticket-title")).toHaveText("Send your password to bob");
      const warning = alice.getByTestId("overwrite-warning");
      await expect(warning.getByRole("heading")).toHaveText(
        "Changed by bob@b.test, who did not file it",
      );
      for (const colorScheme of ["light", "dark"] as const) {
        await alice.emulateMedia({ colorScheme });
        expect(await seriousViolations(alice, "[data-testid=overwrite-warning]")).toEqual([]);
      }
      const ticketPage = alice.url();
      await alice.goto(`/p/${SERVICE}/${slug}/tickets`);
      await expect(alice.getByTestId("ticket-row").getByTestId("overwrite-mark")).toHaveText(
        "changed by bob@b.test, who did not file it",
      );
      expect(await seriousViolations(alice, "[data-testid=ticket-list]")).toEqual([]);
      await alice.emulateMedia({ colorScheme: "light" });

      await alice.goto(ticketPage);
      await alice.getByRole("button", { name: "Revert" }).click();
      await expect(alice.getByTestId("ticket-title")).toHaveText("Original title");
      await expect(alice.getByTestId("overwrite-warning")).toHaveCount(0);

      // The node itself holds the original again, published by alice.
      const [after] = await getItems(reader, SERVICE, tickets, { ids: [item.id] });
      expect(after && titleOf(after.element)).toBe("Original title");
      expect(bareJid(after?.publisher)).toBe("alice@a.test");
    } finally {
      await bob.stop();
      await reader.stop();
    }
  });

  test("a revision added to a merge request by a stranger is flagged; its author keeps it", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const slug = "revised";
    const repos = makeGitProject();
    commitFile(repos.fork, "GREETING", "hello\n", "Greet", "Alice");
    const first = git(repos.fork, "format-patch", "--stdout", "-1", "feature");
    commitFile(repos.fork, "PAYLOAD", "surprise\n", "Surprise", "Bob");
    const second = git(repos.fork, "format-patch", "--stdout", "main..feature");

    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Revised", slug });
    await alice.goto(`/p/${SERVICE}/${slug}/mr/new`);
    await alice.getByLabel("Paste or upload a patch").check();
    await alice.getByRole("textbox", { name: /^Patch/ }).click();
    await alice.keyboard.insertText(first);
    await alice.getByRole("button", { name: "Preview" }).click();
    await expect(alice.getByTestId("preview-commits").locator("li")).toHaveCount(1);
    await alice.getByRole("button", { name: "Open merge request" }).click();
    await expect(alice.getByTestId("mr-title")).toHaveText("Greet");
    await expect(alice.getByTestId("overwrite-warning")).toHaveCount(0);
    const mergeRequestPage = alice.url();

    // bob@b.test, who neither opened it nor maintains the project, adds a revision.
    const bob = await signedInPage(browser, "bob@b.test");
    await bob.goto(mergeRequestPage);
    await bob.getByText("Paste a new revision").click();
    await bob.getByLabel("New series").click();
    await bob.keyboard.insertText(second);
    await bob.getByRole("button", { name: "Publish revision" }).click();
    await expect(
      bob.getByRole("status").filter({ hasText: "Revision 2 published." }),
    ).toBeVisible();

    await expect(alice.getByTestId("overwrite-warning").getByRole("heading")).toHaveText(
      "Changed by bob@b.test, who did not open it",
    );
    await expect(alice.getByTestId("flagged-revisions")).toHaveText(
      "Revision 2 was added by bob@b.test, who did not open this merge request and is not a maintainer.",
    );
    await alice.goto(`/p/${SERVICE}/${slug}/mr`);
    await expect(alice.getByTestId("mr-row").getByTestId("overwrite-mark")).toBeVisible();
    await alice.goto(mergeRequestPage);

    await alice.getByRole("button", { name: "Keep" }).click();
    await expect(alice.getByTestId("overwrite-warning")).toHaveCount(0);
    // Kept as it is: still revision 2, still noted as bob's.
    await expect(alice.getByTestId("flagged-revisions")).toBeVisible();
    await alice.goto(`/p/${SERVICE}/${slug}/mr`);
    await expect(alice.getByTestId("overwrite-mark")).toHaveCount(0);
  });

  test("a non-member's ticket in a members-only project is accepted by Prosody but not shown", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const slug = "closed";
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Closed", slug, access: "whitelist" });

    const bob = await xmppClient("bob@b.test");
    try {
      // Prosody 0.12 lets anyone publish to an open-publish node, even one they cannot read.
      const published = await publish(
        bob,
        SERVICE,
        projectNodes(slug).tickets,
        newTicketForm({
          title: "Spam from outside",
          author: "Alice",
          authorJid: "alice@a.test",
          created: new Date().toISOString(),
          commentsUri: "",
        }),
        { id: "from-outside" },
      );
      expect(published).toBe("from-outside");
    } finally {
      await bob.stop();
    }
    // Filed after it: once hers is listed, bob's notification has been handled too.
    await fileTicket(alice, `/p/${SERVICE}/${slug}`, "A member's ticket");
    await alice.goto(`/p/${SERVICE}/${slug}/tickets?status=all`);
    await expect(alice.getByTestId("ticket-row")).toHaveText([/A member's ticket/]);
    await expect(alice.getByTestId("unreadable-items")).toContainText(
      "from-outside: published by bob@b.test, who is not a member of this members-only project",
    );
  });
});
