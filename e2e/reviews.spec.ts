import { expect, test } from "@playwright/test";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { instanceB } from "../playwright.config";
import { createProject, openMergeRequest, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";
import {
  addMaintainer,
  giveVerdict,
  requestReview,
  reviewerVerdict,
  setRequiredApprovals,
} from "./reviews";

/**
 * Issue #15, reviewers and verdicts, across the two instances: alice (a.test) asks bob@b.test,
 * who reviews from the b.test instance; his request for changes blocks the merge until a new
 * revision makes it stale; the project needs one maintainer's approval of the current revision,
 * which alice's own does not give and bob's does once he is a maintainer.
 */
const SERVICE = "pubsub.a.test";

test("bob reviews alice's merge request from b.test; the merge waits for a current approval", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const slug = "reviews";
  const base = `/p/${SERVICE}/${slug}`;
  const repos = makeGitProject();
  commitFile(repos.fork, "src/app.txt", "one\ntwo\nTHREE\nfour\nfive\n", "Shout three", "Alice");

  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Reviews", slug, cloneUrl: repos.upstream });
  await setRequiredApprovals(alice, base, 1);
  const address = await openMergeRequest(alice, base, {
    source: repos.fork,
    title: "Shout three",
  });
  const blockers = alice.getByTestId("merge-blockers");
  await expect(blockers).toContainText("It needs 1 more approval from a maintainer.");
  await expect(alice.getByTestId("required-approvals")).toContainText("1 approval");

  await requestReview(alice, "bob@b.test");
  await expect(alice.getByTestId("discussion")).toContainText("requested review from bob@b.test");

  // bob, not a maintainer, but asked: his request for changes blocks.
  const bob = await signedInPage(browser, "bob@b.test", { origin: instanceB });
  await bob.goto(address);
  await expect(bob.getByTestId("mr-title")).toHaveText("Shout three");
  await expect(bob.getByTestId("add-reviewer-form")).toHaveCount(0);
  await giveVerdict(bob, "Request changes", 1, "Please do not **shout**.");

  await expect(async () => {
    await alice.reload();
    await expect(blockers).toContainText("bob@b.test requested changes on revision 1", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  await expect(reviewerVerdict(alice, "bob@b.test")).toHaveAttribute(
    "data-verdict",
    "request-changes",
  );
  await expect(reviewerVerdict(alice, "bob@b.test")).toHaveAttribute("data-stale", "false");
  const entry = alice.getByTestId("discussion").locator("li").filter({ hasText: "Please do not" });
  await expect(entry.getByTestId("verdict-badge")).toContainText("Changes requested · revision 1");
  await expect(entry).toContainText("bob@b.test");

  // The merge itself refuses, with the reason, whatever the page lets one press.
  const merge = alice.getByRole("button", { name: "Merge", exact: true });
  await expect(merge).toBeDisabled();
  await merge.evaluate((button) => button.removeAttribute("disabled"));
  await merge.click();
  await expect(alice.getByTestId("merge-box").getByRole("alert")).toContainText(
    "Not merged. It needs 1 more approval from a maintainer. bob@b.test requested changes on revision 1",
  );

  // A new revision: bob's verdict is stale and blocks no more; alice's own approval counts
  // for nothing.
  commitFile(
    repos.fork,
    "src/app.txt",
    "one\ntwo\nThree\nfour\nfive\n",
    "Only capitalise",
    "Alice",
  );
  await alice.getByRole("button", { name: "Update from source branch" }).click();
  await expect(
    alice.getByRole("status").filter({ hasText: "Revision 2 published." }),
  ).toBeVisible();
  await alice.reload();
  await expect(reviewerVerdict(alice, "bob@b.test")).toHaveAttribute("data-stale", "true");
  await expect(reviewerVerdict(alice, "bob@b.test")).toContainText("(stale)");
  await expect(blockers).not.toContainText("requested changes");
  await giveVerdict(alice, "Approve", 2);
  await expect(blockers).toContainText("It needs 1 more approval from a maintainer.");

  // bob, made a maintainer, approves revision 2: nothing is missing, and the merge lands.
  await addMaintainer(alice, base, "bob@b.test");
  await giveVerdict(bob, "Approve", 2, "Thanks.");
  await alice.goto(address);
  await expect(async () => {
    await alice.reload();
    await expect(reviewerVerdict(alice, "bob@b.test")).toHaveAttribute("data-verdict", "approve", {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  await expect(reviewerVerdict(alice, "bob@b.test")).toHaveAttribute("data-stale", "false");
  await expect(blockers).toHaveCount(0);
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  // The first merge copies the repository: slow on a loaded machine.
  await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 90_000,
  });
  const repository = projectRepositoryDir({ service: SERVICE, slug, scm: "git" });
  expect(git(repository, "show", "main:src/app.txt")).toBe("one\ntwo\nThree\nfour\nfive\n");
});
