import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { formAlert, signedInPage } from "./helpers";

const SERVICE = "pubsub.a.test";
const SLUG = "sessions";
const BASE = `/p/${SERVICE}/${SLUG}`;
const TICKET_TITLE = "Filed after a restart";

/** Runs scripts/xmpp.sh on this run's test pair (scripts/test.sh exports its addresses). */
function xmpp(...args: string[]): void {
  execFileSync("bash", ["scripts/xmpp.sh", ...args], { stdio: "pipe" });
}

let bDown = false;

/** b.test's Prosody: SIGTERM (it closes every stream first), or started again. */
function stopB(): void {
  bDown = true;
  xmpp("stop", "b");
}
function startB(): void {
  xmpp("start", "b");
  bDown = false;
}

/**
 * A b.test account of this test only. `xmpp.sh start` re-applies the demo accounts' passwords,
 * and Prosody closes the streams of an account whose password is set; bob's session may thus
 * be kicked once more just after a restart. An account of its own makes the "wait and
 * succeed" case deterministic.
 */
function freshAccount(name: string, password: string): string {
  const local = `${name}-${Date.now().toString(36)}`;
  xmpp("register", local, "b.test", password);
  return `${local}@b.test`;
}

function sessionStatus(page: Page) {
  return page.getByTestId("session-status");
}

async function ticketPage(page: Page): Promise<void> {
  await page.goto(`${BASE}/tickets`);
  await page.getByRole("link", { name: TICKET_TITLE }).click();
  await expect(page.getByTestId("ticket-title")).toHaveText(TICKET_TITLE);
}

function commentBox(page: Page) {
  return page.getByLabel("Add a comment");
}

test.describe.serial("XMPP sessions survive their server", () => {
  // Whatever happens in a test, later specs find b.test running. Only when it is down: a start
  // re-applies the demo passwords, which makes Prosody close those accounts' streams.
  test.afterAll(() => {
    if (bDown) startB();
  });

  test("bob's header follows b.test going down and coming back; he acts afterwards", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto("/projects/new");
    await alice.getByLabel("Name", { exact: true }).fill("Sessions");
    await alice.getByLabel("Short name (slug)").fill(SLUG);
    await alice.getByLabel("Pubsub service").fill(SERVICE);
    await alice.getByRole("button", { name: "Create project" }).click();
    await expect(alice).toHaveURL(new RegExp(`${BASE}$`));

    const bob = await signedInPage(browser, "bob@b.test");
    await bob.goto(`${BASE}/tickets/new`);
    await expect(sessionStatus(bob)).toHaveAttribute("data-state", "connected");
    await expect(sessionStatus(bob)).toHaveText("Connected");
    await expect(sessionStatus(bob)).toHaveAttribute("aria-live", "polite");
    // Set on this very document: still there at the end means the page never reloaded.
    await bob.evaluate(() => ((window as unknown as Record<string, unknown>).stillHere = true));

    stopB();
    await expect(sessionStatus(bob)).toHaveAttribute("data-state", "reconnecting");
    await expect(sessionStatus(bob)).toHaveText("Reconnecting to b.test…");
    startB();
    // Backoff: attempts ~1, 2, 4, 8 s apart (less jitter) after the stream dropped.
    await expect(sessionStatus(bob)).toHaveAttribute("data-state", "connected", {
      timeout: 30_000,
    });
    await expect(sessionStatus(bob)).toHaveText("Connected");
    expect(await bob.evaluate(() => (window as unknown as Record<string, unknown>).stillHere)).toBe(
      true,
    );

    await bob.getByLabel("Title").fill(TICKET_TITLE);
    await bob.getByLabel(/Description/).fill("Bob's session came back by itself.");
    await bob.getByRole("button", { name: "File ticket" }).click();
    await expect(bob.getByTestId("ticket-title")).toHaveText(TICKET_TITLE);
  });

  test("a comment sent while b.test is down waits and is published once it is back", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const erin = await signedInPage(browser, freshAccount("erin", "erin-pw"), {
      password: "erin-pw",
    });
    await ticketPage(erin);

    stopB();
    await expect(sessionStatus(erin)).toHaveAttribute("data-state", "reconnecting");
    await commentBox(erin).fill("Sent while b.test was down.");
    await erin.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(erin.getByRole("button", { name: "Publishing…" })).toBeVisible();
    startB(); // ~2 s; the action waits up to 10 s

    await expect(erin.getByTestId("comment")).toHaveCount(1, { timeout: 15_000 });
    await expect(erin.getByTestId("comment")).toContainText("Sent while b.test was down.");
    await expect(formAlert(erin)).toHaveCount(0);
    await expect(sessionStatus(erin)).toHaveAttribute("data-state", "connected");
  });

  test("when b.test stays down the comment fails with a clear message and keeps its text", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const bob = await signedInPage(browser, "bob@b.test");
    await ticketPage(bob);

    stopB();
    await expect(sessionStatus(bob)).toHaveAttribute("data-state", "reconnecting");
    const text = "A **long** comment I do not want to type again.";
    await commentBox(bob).fill(text);
    await bob.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(formAlert(bob)).toContainText(
      "Lost the connection to your XMPP server and it has not come back yet. Nothing was sent",
      { timeout: 15_000 },
    );
    await expect(commentBox(bob)).toHaveValue(text);

    // Sending again as soon as the server is back: the waiting action hurries the reconnect
    // rather than sitting out the backoff's next (by now long) delay.
    startB();
    await bob.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(bob.getByTestId("comment").filter({ hasText: "do not want to type" })).toHaveCount(
      1,
      { timeout: 15_000 },
    );
    await expect(sessionStatus(bob)).toHaveAttribute("data-state", "connected");
  });

  test("a password changed elsewhere ends the session with the reason, not endless retries", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const jid = freshAccount("frank", "old-pw");
    const frank = await signedInPage(browser, jid, { password: "old-pw" });
    await ticketPage(frank);
    await expect(sessionStatus(frank)).toHaveAttribute("data-state", "connected");

    // Setting a password on the running server: Prosody closes the account's streams, and
    // the reconnect's SASL exchange is refused.
    xmpp("register", jid.split("@")[0]!, "b.test", "new-pw");
    await expect(sessionStatus(frank)).toHaveAttribute("data-state", "disconnected");
    await expect(sessionStatus(frank)).toContainText(
      "Disconnected: b.test no longer accepts your password (it was changed, or the account was removed).",
    );

    await commentBox(frank).fill("Typed after the password change.");
    await frank.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(formAlert(frank)).toContainText(
      "Your XMPP session has ended: b.test no longer accepts your password",
    );
    await expect(commentBox(frank)).toHaveValue("Typed after the password change.");

    // A reload still says why (the server remembers how the session ended) and offers the way back.
    await frank.reload();
    await expect(sessionStatus(frank)).toHaveAttribute("data-state", "disconnected");
    await sessionStatus(frank).getByRole("link", { name: "Sign in again" }).click();
    await frank.getByLabel("XMPP address").fill(jid);
    await frank.getByLabel("Password").fill("new-pw");
    await frank.getByRole("button", { name: "Sign in" }).click();
    await expect(frank.getByTestId("ticket-title")).toHaveText(TICKET_TITLE);
    await expect(sessionStatus(frank)).toHaveAttribute("data-state", "connected");
  });
});
