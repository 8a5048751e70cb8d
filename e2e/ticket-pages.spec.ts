/**
 * A tracker longer than one page: the list shows the newest 50, says where the reader is, and
 * the pager's links go to the rest and back, keeping the filters. A long thread shows its start
 * and its latest entries, the middle one link away.
 */
import { expect, test } from "@playwright/test";
import { encodeComment } from "@/lib/forge/comments/codec";
import { FOLDED_OVER, SHOWN_FIRST, SHOWN_LAST } from "@/lib/forge/comments/fold-thread";
import { decodeTicket, newTicketForm } from "@/lib/forge/tickets/codec";
import { projectNodes } from "@/lib/forge/nodes";
import { getItems, publish } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { XmppSession } from "@/lib/xmpp/session";
import { createProject, DEMO_PASSWORD, fileTicket, signedInPage } from "./helpers";

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

test("a long thread shows its first and latest entries, and the rest one link away", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Long thread", slug: "long-thread" });
  await fileTicket(alice, `/p/${SERVICE}/long-thread`, "Much discussed");
  const ticketPage = alice.url();

  // Written by another client, oldest first.
  const total = FOLDED_OVER + 5;
  const client = await XmppSession.open({ jid: "alice@a.test", password: DEMO_PASSWORD });
  try {
    const [item] = await getItems(client, SERVICE, projectNodes("long-thread").tickets);
    const decoded = item ? decodeTicket(item.element) : undefined;
    const commentsUri = decoded?.ok ? decoded.ticket.commentsUri : undefined;
    const thread = commentsUri ? parseXmppUri(commentsUri) : undefined;
    if (!thread?.node) throw new Error("the ticket has no comments node");
    for (let i = 0; i < total; i++) {
      const at = new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString();
      const comment = encodeComment({
        markdown: `Remark ${i}`,
        authorName: "alice",
        authorJid: "alice@a.test",
        published: at,
        updated: at,
      });
      await publish(client, thread.jid, thread.node, comment);
    }
  } finally {
    await client.close();
  }

  const comments = alice.getByTestId("comment");
  await expect(async () => {
    await alice.goto(ticketPage);
    await expect(alice.getByRole("heading", { name: `${total} comments` })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(comments).toHaveCount(SHOWN_FIRST + SHOWN_LAST);
  await expect(comments.first()).toContainText("Remark 0");
  await expect(comments.nth(SHOWN_FIRST)).toContainText(`Remark ${total - SHOWN_LAST}`);
  await expect(comments.last()).toContainText(`Remark ${total - 1}`);

  const hidden = total - SHOWN_FIRST - SHOWN_LAST;
  await alice.getByRole("link", { name: `Show ${hidden} earlier entries` }).click();
  await expect(comments).toHaveCount(total);
  await expect(comments.nth(SHOWN_FIRST)).toContainText(`Remark ${SHOWN_FIRST}`);
  await expect(comments.nth(SHOWN_FIRST)).toBeInViewport();
});
