import { expect, test } from "@playwright/test";
import { createProject, fileTicket, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

/**
 * Issue #16, cross-references: `#1` and `!1` show as backlinks on the items they name, and a
 * merge request whose commit says `Fixes #1` closes ticket 1 when it is merged.
 */
const SERVICE = "pubsub.a.test";
const SLUG = "references";
const BASE = `/p/${SERVICE}/${SLUG}`;

test("backlinks on both items, and a merge that closes the ticket it fixes", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const repos = makeGitProject();
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "References", slug: SLUG, cloneUrl: repos.upstream });
  await fileTicket(alice, BASE, "Crash on empty input");
  const ticket = alice.url();

  // Bob's merge request says it fixes #1, in a commit message.
  commitFile(repos.fork, "GUARD", "on\n", "Guard empty input\n\nFixes #1.", "Bob");
  const bob = await signedInPage(browser, "bob@b.test");
  await bob.goto(`${BASE}/mr/new`);
  await bob.getByLabel("Paste or upload a patch").check();
  await bob.getByRole("textbox", { name: /^Patch/ }).click();
  await bob.keyboard.insertText(git(repos.fork, "format-patch", "--stdout", "-1", "feature"));
  await bob.getByRole("button", { name: "Preview" }).click();
  await expect(bob.getByTestId("preview-commits").locator("li")).toHaveCount(1);
  await bob.getByLabel(/Description/).fill("Guards the parser, see #1.");
  await bob.getByRole("button", { name: "Open merge request" }).click();
  await expect(bob.getByTestId("mr-title")).toHaveText("Guard empty input");
  const request = bob.url();

  // Alice answers on the ticket: "fixed by !1".
  await alice.goto(ticket);
  await expect(alice.getByTestId("backlinks")).toContainText("!1 Guard empty input");
  await alice.getByLabel("Add a comment").fill("Should be fixed by !1.");
  await alice.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(alice.getByTestId("comment")).toHaveCount(1);

  await alice.goto(request);
  await expect(alice.getByTestId("backlinks")).toContainText("#1 Crash on empty input");
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 20_000,
  });

  await alice.goto(ticket);
  await expect(alice.locator("header").getByTestId("status-badge")).toHaveAttribute(
    "data-status",
    "closed",
  );
  await expect(alice.getByTestId("timeline-event")).toContainText(/closed/);
});
