import { expect, test, type Browser, type Page } from "@playwright/test";
import { instanceB } from "../playwright.config";
import { createProject, fileTicket, formAlert, openMergeRequest, signIn } from "./helpers";
import { commitFile, makeGitProject } from "./repos";

/**
 * Two Pubforge instances, two XMPP servers: alice works on instance A (forge@a.test), bob on
 * instance B (forge@b.test). Everything bob does crosses s2s to pubsub.a.test.
 */
const SERVICE = "pubsub.a.test";

async function pageOn(browser: Browser, origin: string | undefined, jid: string): Promise<Page> {
  const context = await browser.newContext(origin ? { baseURL: origin } : {});
  const page = await context.newPage();
  await signIn(page, jid);
  return page;
}

/** The status of the project's event stream for this page's viewer (headers only). */
function eventStreamStatus(page: Page, projectId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const controller = new AbortController();
    const response = await fetch(`/events?project=${encodeURIComponent(id)}`, {
      signal: controller.signal,
    });
    controller.abort();
    return response.status;
  }, projectId);
}

test("bob on the b.test instance files, comments and opens a merge request on alice's a.test project; both instances update live", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const base = `/p/${SERVICE}/federated`;
  const repos = makeGitProject();
  commitFile(repos.fork, "src/app.txt", "one\ntwo\nTHREE\nfour\nfive\n", "Shout three", "Bob");

  const alice = await pageOn(browser, undefined, "alice@a.test");
  await createProject(alice, { name: "Federated", slug: "federated", cloneUrl: repos.upstream });

  const bob = await pageOn(browser, instanceB, "bob@b.test");
  await bob.goto(base);
  await expect(bob.getByRole("heading", { level: 1 })).toHaveText("Federated");
  await expect(bob.getByText(`hosted on ${SERVICE}`)).toBeVisible();

  // bob files a ticket on instance B; alice's open list on instance A shows it by itself.
  await alice.goto(`${base}/tickets`);
  await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await fileTicket(bob, base, "Fails on b.test", { description: "Filed across **s2s**." });
  const row = alice.locator('[data-testid=ticket-row][data-title="Fails on b.test"]');
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toContainText("bob@b.test");

  // alice comments on instance A; bob's open ticket page on instance B shows it by itself.
  await expect(bob.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await row.getByRole("link", { name: "Fails on b.test" }).click();
  await alice.getByLabel("Add a comment").fill("Confirmed from **a.test**.");
  await alice.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(alice.getByTestId("comment")).toHaveCount(1);
  await expect(bob.getByTestId("comment")).toHaveCount(1, { timeout: 10_000 });
  await expect(bob.getByTestId("comment")).toContainText("alice@a.test");

  // bob answers; alice's page shows it by itself.
  await bob.getByLabel("Add a comment").fill("Thanks!");
  await bob.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(alice.getByTestId("comment")).toHaveCount(2, { timeout: 10_000 });

  // Merge requests: bob opens one from his fork on instance B, alice's list shows it live,
  // bob's status change reaches her open page.
  await alice.goto(`${base}/mr`);
  await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await openMergeRequest(bob, base, { source: repos.fork, title: "Shout three" });
  await expect(alice.getByRole("link", { name: "Shout three" })).toBeVisible({ timeout: 10_000 });
  await alice.getByRole("link", { name: "Shout three" }).click();
  await expect(alice.getByTestId("mr-title")).toHaveText("Shout three");
  await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await bob.getByLabel("Change status").selectOption("closed");
  await bob.getByRole("button", { name: "Set status" }).click();
  await expect(alice.locator("header").getByTestId("status-badge")).toHaveAttribute(
    "data-status",
    "closed",
    { timeout: 10_000 },
  );
});

test("a members-only project: bob gets no access on either instance, nothing leaks, until alice adds him", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const base = `/p/${SERVICE}/hidden`;
  const id = `${SERVICE}/hidden`;
  const alice = await pageOn(browser, undefined, "alice@a.test");
  await createProject(alice, { name: "Hidden", slug: "hidden", access: "whitelist" });
  await fileTicket(alice, base, "Secret plan");

  const bobA = await pageOn(browser, undefined, "bob@b.test");
  const bobB = await pageOn(browser, instanceB, "bob@b.test");
  for (const bob of [bobA, bobB]) {
    for (const path of [base, `${base}/tickets`, `${base}/search?q=secret`, `${base}/wiki`]) {
      await bob.goto(path);
      await expect(bob.getByTestId("no-access")).toBeVisible();
      await expect(bob.getByText("Secret plan")).toHaveCount(0);
    }
    await bob.goto("/");
    await expect(bob.getByText("Hidden")).toHaveCount(0);
    expect(await eventStreamStatus(bob, id)).toBe(404);
  }

  await alice.goto(base);
  await alice.getByText("Maintainers").click();
  await alice.getByLabel("Address (JID)").fill("bob@b.test");
  await alice.getByLabel("Role").selectOption("member");
  await alice.getByRole("button", { name: "Set role" }).click();
  await expect(alice.getByRole("status").filter({ hasText: "updated" })).toContainText(
    "bob@b.test updated.",
  );
  await expect(formAlert(alice)).toHaveCount(0);

  for (const bob of [bobA, bobB]) {
    await bob.goto(`${base}/tickets`);
    await expect(bob.getByRole("heading", { level: 1 })).toHaveText("Hidden");
    await expect(bob.getByText("Secret plan")).toBeVisible();
    expect(await eventStreamStatus(bob, id)).toBe(200);
    await expect(bob.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  }

  // Live on both instances, though forge@b.test may not read the project: on instance B,
  // bob's own session follows it.
  await fileTicket(alice, base, "Second secret");
  for (const bob of [bobA, bobB]) {
    await expect(bob.getByText("Second secret")).toBeVisible({ timeout: 10_000 });
  }
});
