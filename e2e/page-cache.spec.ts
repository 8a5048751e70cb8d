import { expect, test, type Page } from "@playwright/test";
import { createProject, fileTicket, signedInPage } from "./helpers";

/**
 * The anonymous page cache (lib/http/page-cache.ts) in the real server (server.mjs): a second
 * anonymous visit is answered without rendering, the answer still runs its scripts (a fresh
 * CSP nonce), and a change to the project is never hidden by a kept page.
 */
const BASE = "/p/pubsub.a.test/cached";

async function visit(page: Page, path: string): Promise<string | undefined> {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  return response?.headers()["x-pubforge-page-cache"];
}

test("anonymous visitors get kept pages, which live, and which a change replaces", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Cached", slug: "cached" });
  const ticket = await fileTicket(alice, BASE, "Kept for visitors");
  // Signed in: always rendered, never kept.
  expect(await visit(alice, ticket)).toBeUndefined();

  const visitor = await (await browser.newContext()).newPage();
  expect(await visit(visitor, ticket)).toBe("miss");
  expect(await visit(visitor, ticket)).toBe("hit");
  // The kept page's scripts run: its event stream is open (a stale nonce would block them).
  await expect(visitor.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  await alice.goto(ticket);
  await alice.getByLabel("Add a comment").fill("A change the visitor must see.");
  await alice.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(alice.getByTestId("comment")).toHaveCount(1);
  // Live on the open kept page, and on the next visit: the kept page went with the change.
  await expect(visitor.getByTestId("comment")).toContainText("A change the visitor must see.");
  expect(await visit(visitor, ticket)).toBe("miss");
  await expect(visitor.getByTestId("comment")).toContainText("A change the visitor must see.");
  expect(await visit(visitor, ticket)).toBe("hit");
  await expect(visitor.getByTestId("comment")).toContainText("A change the visitor must see.");

  // The list likewise: a new ticket shows on the next anonymous visit.
  expect(await visit(visitor, `${BASE}/tickets`)).toBe("miss");
  expect(await visit(visitor, `${BASE}/tickets`)).toBe("hit");
  await fileTicket(alice, BASE, "Filed after the list was kept");
  await expect(async () => {
    await visitor.goto(`${BASE}/tickets`);
    await expect(visitor.getByTestId("ticket-row")).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await visitor.context().close();
  await alice.context().close();
});
