import { expect, test } from "@playwright/test";
import { projectNodes } from "@/lib/forge/nodes";
import { decodeTicket, newTicketForm } from "@/lib/forge/tickets/codec";
import { getAffiliations, getItems, publish } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { createProject, fileTicket, formAlert, signedInPage } from "./helpers";
import { xmppClient } from "./xmpp-client";

const SERVICE = "pubsub.a.test";

/**
 * Issue #12's confused deputy: the instance account is an admin of its own pubsub service and
 * extends maintainer changes to a project's comments threads. A ticket may name any node as its
 * thread; the instance must not lend its rights to a node outside the project's own layout.
 */
test("a ticket naming another project's thread does not make the instance hand that thread over", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Target", slug: "target" });
  await fileTicket(alice, `/p/${SERVICE}/target`, "Alice's thread");

  const bob = await signedInPage(browser, "bob@b.test");
  await createProject(bob, { name: "Lure", slug: "lure", access: "whitelist" });

  // Bob's own client (not Pubforge) files a ticket on his project whose thread is Alice's.
  const bobClient = await xmppClient("bob@b.test");
  const aliceClient = await xmppClient("alice@a.test");
  try {
    const [target] = await getItems(bobClient, SERVICE, projectNodes("target").tickets);
    const decoded = target ? decodeTicket(target.element) : undefined;
    const victimUri = decoded?.ok ? decoded.ticket.commentsUri : undefined;
    const victimNode = victimUri ? parseXmppUri(victimUri)?.node : undefined;
    if (!victimUri || !victimNode) throw new Error("alice's ticket has no comments node");
    await publish(
      bobClient,
      SERVICE,
      projectNodes("lure").tickets,
      newTicketForm({
        title: "Borrowed thread",
        author: "Bob",
        authorJid: "bob@b.test",
        created: new Date().toISOString(),
        commentsUri: victimUri,
      }),
    );
    await bob.goto(`/p/${SERVICE}/lure/tickets`);
    await expect(bob.getByText("Borrowed thread")).toBeVisible();

    // The maintainer form of his own project: an honest owner's request, a hostile thread.
    await bob.goto(`/p/${SERVICE}/lure`);
    await bob.getByText("Maintainers").click();
    await bob.getByLabel("Address (JID)").fill("carol@b.test");
    await bob.getByLabel("Role").selectOption("owner");
    await bob.getByRole("button", { name: "Set role" }).click();
    await expect(bob.getByRole("status").filter({ hasText: "updated" })).toContainText(
      "carol@b.test updated.",
    );
    await expect(formAlert(bob)).toHaveCount(0);

    const affiliations = await getAffiliations(aliceClient, SERVICE, victimNode);
    expect(affiliations["alice@a.test"]).toBe("owner");
    expect(affiliations["carol@b.test"]).toBeUndefined();
  } finally {
    await bobClient.stop();
    await aliceClient.stop();
  }
});
