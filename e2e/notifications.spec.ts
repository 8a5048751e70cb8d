import { expect, test, type Page } from "@playwright/test";
import { instanceB, NOTIFY_BATCH_MS } from "../playwright.config";
import { encodeEventEntry } from "@/lib/forge/comments/codec";
import { projectNodes } from "@/lib/forge/nodes";
import { decodeTicket } from "@/lib/forge/tickets/codec";
import { getItems, publish } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { createProject, fileTicket, seriousViolations, signedInPage } from "./helpers";
import { chatClient, type ChatClient, xmppClient } from "./xmpp-client";

/**
 * Notifications across two instances: bob@b.test watches a ticket of alice's a.test project from
 * the b.test instance; what alice does on a.test reaches instance B by federation, which tells
 * bob in its header (live) and as an XMPP message from forge@b.test to his own chat client.
 */
const SERVICE = "pubsub.a.test";
const BASE = `/p/${SERVICE}/notify`;
const WINDOW_MS = Number(NOTIFY_BATCH_MS);

const unread = (page: Page) => page.getByTestId("inbox-link");

/**
 * Five status changes of the ticket, as alice's own XMPP client publishes them (the timeline
 * events Pubforge's status control publishes), back to back. Through the page each takes
 * seconds on this loaded machine, longer than a batch window the test can afford to wait.
 */
async function fiveEditsInABurst(): Promise<void> {
  const alice = await xmppClient("alice@a.test");
  try {
    const [item] = await getItems(alice, SERVICE, projectNodes("notify").tickets);
    const decoded = decodeTicket(item!.element);
    if (!decoded.ok) throw new Error(decoded.reason);
    const thread = parseXmppUri(decoded.ticket.commentsUri ?? "")!;
    const statuses = ["queued", "started", "review", "closed", "queued", "started"];
    for (let i = 1; i < statuses.length; i++) {
      const published = new Date().toISOString();
      const entry = encodeEventEntry({
        event: { field: "status", from: [statuses[i - 1]!], to: [statuses[i]!] },
        authorName: "alice",
        authorJid: "alice@a.test",
        published,
      });
      await publish(alice, thread.jid, thread.node!, entry, { id: `burst-${i}` });
    }
  } finally {
    await alice.stop();
  }
}

test("bob watches alice's ticket from b.test: a mention, a burst of edits and delivery off", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Notify", slug: "notify" });
  await fileTicket(alice, BASE, "Watch me");
  const ticketUrl = alice.url().replace(/^https?:\/\/[^/]+/, "");

  // bob, signed in on instance B, watches the ticket there, his inbox read (earlier specs of a
  // full run may have told him things).
  const bob = await signedInPage(browser, "bob@b.test", { origin: instanceB });
  await bob.goto("/inbox");
  const markAllRead = bob.getByRole("button", { name: "Mark all read" });
  if (await markAllRead.isEnabled()) await markAllRead.click();
  await expect(unread(bob)).toHaveAttribute("data-unread", "0");
  await bob.goto(ticketUrl);
  await expect(bob.getByTestId("ticket-title")).toHaveText("Watch me");
  const watch = bob.getByRole("button", { name: "Watch" });
  await expect(watch).toHaveAttribute("aria-pressed", "false");
  await watch.click();
  await expect(watch).toHaveAttribute("aria-pressed", "true");
  await expect(unread(bob)).toHaveAttribute("data-unread", "0");
  await expect(bob.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  let phone: ChatClient | undefined;
  try {
    // bob's own chat client, another resource of his account than Pubforge's session.
    phone = await chatClient("bob@b.test");
    // Those from instance B: bob signed in on instance A in earlier specs of a run, and it tells
    // him too (each instance its own users; docs/architecture.md §13).
    const fromB = () =>
      phone!.received.filter((message) => message.from.startsWith("forge@b.test"));

    // alice mentions him on a.test: his header on b.test counts it by itself, his phone rings.
    await alice.getByLabel("Add a comment").fill("Could you look, @bob@b.test?");
    await alice.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(alice.getByTestId("comment")).toHaveCount(1);
    await expect(unread(bob)).toHaveAttribute("data-unread", "1", { timeout: 20_000 });
    await expect.poll(() => fromB().length, { timeout: WINDOW_MS + 20_000 }).toBe(1);
    expect(fromB()[0]!.from).toMatch(/^forge@b\.test/);
    expect(fromB()[0]!.body).toContain("alice@a.test mentioned you in #1 Watch me");
    expect(fromB()[0]!.body).toContain(`${instanceB}${ticketUrl}`);

    // A burst of five edits: five inbox rows, one message.
    const burstStarted = Date.now();
    await fiveEditsInABurst();
    console.log(`five edits took ${Date.now() - burstStarted} ms (window ${WINDOW_MS} ms)`);
    await expect(unread(bob)).toHaveAttribute("data-unread", "6", { timeout: 20_000 });
    await expect.poll(() => fromB().length, { timeout: WINDOW_MS + 20_000 }).toBe(2);
    expect(fromB()[1]!.body).toContain("5 updates");
    expect(fromB()[1]!.body.match(/changed status/g)).toHaveLength(5);
    await bob.waitForTimeout(WINDOW_MS + 3_000);
    expect(fromB()).toHaveLength(2);

    // bob turns XMPP delivery off: the inbox still counts, no message comes.
    await bob.goto("/settings/notifications");
    await bob.getByLabel(/As XMPP messages/).uncheck();
    await bob.getByRole("button", { name: "Save" }).click();
    await expect(bob.getByText("Saved: inbox on, XMPP messages off.")).toBeVisible();
    expect(await seriousViolations(bob)).toEqual([]);
    await alice.getByLabel("Add a comment").fill("One more thing.");
    await alice.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(unread(bob)).toHaveAttribute("data-unread", "7", { timeout: 20_000 });
    await bob.waitForTimeout(WINDOW_MS + 5_000);
    expect(fromB()).toHaveLength(2);
  } finally {
    await phone?.stop();
  }

  // The inbox: unread first, filters, mark read and all read; the header follows.
  await bob.goto("/inbox");
  await expect(bob.getByTestId("inbox-unread")).toHaveText("7 unread");
  await bob.getByLabel("Kind").selectOption("mention");
  await bob.getByLabel("Project").selectOption(`${SERVICE}/notify`);
  await bob.getByRole("button", { name: "Filter" }).click();
  await expect(bob.getByTestId("inbox-list").getByRole("listitem")).toHaveCount(1);
  await bob.getByRole("button", { name: /^Mark read: alice@a.test mentioned you/ }).click();
  await expect(unread(bob)).toHaveAttribute("data-unread", "6");
  expect(await seriousViolations(bob)).toEqual([]);
  await bob.getByRole("button", { name: "Mark all read" }).click();
  await expect(unread(bob)).toHaveAttribute("data-unread", "0");
});
