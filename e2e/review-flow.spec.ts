import { expect, test, type Page } from "@playwright/test";
import { instanceB } from "../playwright.config";
import { allowCiBot, expectCheck, type RunningBot, startCiBot } from "./ci-bot";
import { commentOnLine, eventually, expectUnderRow } from "./follow-code";
import { createProject, openMergeRequest, signedInPage } from "./helpers";
import { commitFile, makeGitProject } from "./repos";
import {
  addMaintainer,
  giveVerdict,
  requestReview,
  reviewerVerdict,
  setRequiredApprovals,
} from "./reviews";

/**
 * Issue #15's whole review, across the two instances: alice asks bob@b.test to review; from
 * b.test he comments on a line and requests changes; alice's next revision carries his comment
 * to the line's new place and makes his verdict stale; he approves and resolves his thread; the
 * example CI bot reports success. The merge is refused, saying why, until every one of the
 * project's rules is met (one approval from a maintainer, threads resolved, check `ci`).
 */
const SERVICE = "pubsub.a.test";
const SLUG = "review-flow";
const BASE = `/p/${SERVICE}/${SLUG}`;
const FILE = "src/app.txt";
let bot: RunningBot | undefined;

test.afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** What the merge box lists as keeping the merge request from being merged. */
const blockers = (page: Page) => page.getByTestId("merge-blockers");

test("a merge waits for a current approval, resolved threads and a passing check", async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const repos = makeGitProject();
  commitFile(repos.fork, FILE, "one\ntwo\nTHREE\nfour\nfive\n", "Shout three", "Alice");

  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Review flow", slug: SLUG, cloneUrl: repos.upstream });
  await setRequiredApprovals(alice, BASE, 1);
  await alice.goto(`${BASE}/settings`);
  const threadRule = alice
    .locator("form")
    .filter({ has: alice.getByLabel(/All threads resolved/) });
  await threadRule.getByLabel(/All threads resolved before merge/).check();
  await threadRule.getByRole("button", { name: "Save" }).click();
  await expect(threadRule.getByText("Saved.")).toBeVisible();
  await allowCiBot(alice, BASE, "carol@a.test", "ci");

  const address = await openMergeRequest(alice, BASE, {
    source: repos.fork,
    title: "Shout three",
  });
  await requestReview(alice, "bob@b.test");

  // bob, on his own instance: a comment on the shouted line, and a request for changes.
  const bob = await signedInPage(browser, "bob@b.test", { origin: instanceB });
  await eventually(bob, async () => {
    await bob.goto(`${address}?tab=files`);
    await expect(bob.getByTestId("mr-title")).toHaveText("Shout three", { timeout: 1_000 });
  });
  await commentOnLine(bob, FILE, 3, "Why shout?");
  await giveVerdict(bob, "Request changes", 1, "Please do not shout.");

  // Every rule keeps it from being merged, and the merge itself says so when forced.
  await eventually(alice, async () => {
    await alice.goto(address);
    await expect(blockers(alice)).toContainText("bob@b.test requested changes on revision 1", {
      timeout: 1_000,
    });
  });
  await expect(blockers(alice)).toContainText("It needs 1 more approval from a maintainer.");
  await expect(blockers(alice)).toContainText("1 thread is unresolved");
  await expect(blockers(alice)).toContainText("Check ci has not passed on revision 1");
  const merge = alice.getByRole("button", { name: "Merge", exact: true });
  await expect(merge).toBeDisabled();
  await merge.evaluate((button) => button.removeAttribute("disabled"));
  await merge.click();
  const refusal = alice.getByTestId("merge-box").getByRole("alert");
  await expect(refusal).toContainText("Not merged.");
  await expect(refusal).toContainText("It needs 1 more approval from a maintainer.");

  // alice's second revision puts two lines above the shouted one.
  commitFile(
    repos.fork,
    FILE,
    "zero\nhalf\none\ntwo\nTHREE\nfour\nfive\n",
    "Count from zero",
    "Alice",
  );
  await alice.goto(address);
  await alice.getByRole("button", { name: "Update from source branch" }).click();
  await expect(
    alice.getByRole("status").filter({ hasText: "Revision 2 published." }),
  ).toBeVisible();

  // On both instances: bob's comment follows its line (now 5), his verdict is stale.
  const carried = async (page: Page) => {
    await expectUnderRow(page, /added THREE$/, "Why shout?");
    await expect(
      page
        .getByRole("region", { name: "Changes" })
        .getByRole("row", { name: /added THREE$/ })
        .getByRole("button", { name: `Comment on line 5 of ${FILE}` }),
    ).toHaveCount(1);
  };
  await alice.goto(`${address}?tab=files`);
  await carried(alice);
  await eventually(bob, async () => {
    await bob.goto(`${address}?tab=files`);
    await expect(bob.getByRole("button", { name: `Comment on line 7 of ${FILE}` })).toBeVisible({
      timeout: 2_000,
    });
  });
  await carried(bob);
  await alice.goto(address);
  await expect(reviewerVerdict(alice, "bob@b.test")).toHaveAttribute("data-stale", "true");
  await expect(blockers(alice)).not.toContainText("requested changes");

  // bob, made a maintainer, approves revision 2 and resolves his thread.
  await addMaintainer(alice, BASE, "bob@b.test");
  await giveVerdict(bob, "Approve", 2, "Better.");
  await bob.goto(address);
  const thread = bob.getByTestId("thread").filter({ hasText: "Why shout?" });
  await thread.getByRole("button", { name: "Resolve thread" }).click();
  await expect(bob.getByTestId("thread-resolved")).toContainText("Resolved by bob@b.test");

  // Only the check is left, until the bot reports it.
  await eventually(alice, async () => {
    await alice.goto(address);
    await expect(reviewerVerdict(alice, "bob@b.test")).toHaveAttribute("data-verdict", "approve", {
      timeout: 1_000,
    });
    await expect(alice.getByTestId("unresolved-threads")).toHaveCount(0, { timeout: 1_000 });
  });
  await expect(blockers(alice)).toHaveText(/Check ci has not passed on revision 2/);
  await expect(blockers(alice)).not.toContainText("approval");
  await expect(alice.getByRole("button", { name: "Merge", exact: true })).toBeDisabled();

  bot = await startCiBot({
    jid: "carol@a.test",
    service: SERVICE,
    project: SLUG,
    command: `grep -q THREE ${FILE}`,
  });
  await expectCheck(alice, "ci", "success").catch((error: Error) => {
    throw new Error(`${error.message}\nbot output:\n${bot?.output()}`);
  });
  await expect(blockers(alice)).toHaveCount(0);
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  // The first merge copies the repository: slow on a loaded machine.
  await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 90_000,
  });
});
