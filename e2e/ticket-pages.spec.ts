/**
 * A tracker longer than one page: the list shows the newest 50, says where the reader is, and
 * the pager's links go to the rest and back, keeping the filters.
 */
import { expect, test } from "@playwright/test";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { projectNodes } from "@/lib/forge/nodes";
import { publish } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { createProject, DEMO_PASSWORD, signedInPage } from "./helpers";

const SERVICE = "pubsub.a.test";
const SLUG = "paged";
const TICKETS = 52;

test("a long ticket list comes in pages of 50, with a pager to the rest", async ({ browser }) => {
  test.setTimeout(180_000);
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Paged", slug: SLUG });

  // Filed by another client, oldest first: "Paged 0" is the oldest.
  const client = await XmppSession.open({ jid: "alice@a.test", password: DEMO_PASSWORD });
  try {
    for (let i = 0; i < TICKETS; i++) {
      const created = new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString();
      const form = newTicketForm({
        title: `Paged ${i}`,
        author: "alice",
        authorJid: "alice@a.test",
        created,
        labels: ["paged"],
        commentsUri: "",
      });
      await publish(client, SERVICE, projectNodes(SLUG).tickets, form);
    }
  } finally {
    await client.close();
  }

  const list = `/p/${SERVICE}/${SLUG}/tickets?label=paged`;
  await expect(async () => {
    await alice.goto(list);
    await expect(alice.getByTestId("status-tab-all")).toContainText(String(TICKETS), {
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  const pages = alice.getByRole("navigation", { name: "Pages of tickets" });
  await expect(alice.getByTestId("ticket-row")).toHaveCount(50);
  await expect(alice.getByTestId("ticket-row").first()).toHaveAttribute("data-title", "Paged 51");
  await expect(pages).toContainText("Page 1 of 2");
  await expect(pages.getByRole("link", { name: "Previous" })).toHaveCount(0);

  await pages.getByRole("link", { name: "Next" }).click();
  await expect(pages).toContainText("Page 2 of 2");
  await expect(alice).toHaveURL(/label=paged/);
  await expect(alice.getByTestId("ticket-row")).toHaveCount(2);
  await expect(alice.getByTestId("ticket-row").last()).toHaveAttribute("data-title", "Paged 0");
  await expect(pages.getByRole("link", { name: "Next" })).toHaveCount(0);

  await pages.getByRole("link", { name: "Previous" }).click();
  await expect(pages).toContainText("Page 1 of 2");
  await expect(alice.getByTestId("ticket-row")).toHaveCount(50);
});
