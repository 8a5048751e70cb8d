import { expect, test } from "@playwright/test";
import { createProject, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

/**
 * Issue #15, threads: bob@b.test comments on a line of alice's merge request, alice replies,
 * bob resolves (as the thread's author), alice sees it resolved live; with the project's rule
 * on, the merge is refused with the reason until then.
 */
const SERVICE = "pubsub.a.test";

test("a thread on a line is answered, resolved by its author, and gates the merge", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const repos = makeGitProject();
  const slug = "threads";
  const base = `/p/${SERVICE}/${slug}`;
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Threads", slug, cloneUrl: repos.upstream });
  commitFile(repos.fork, "src/app.txt", "one\ntwo\nTHREE\n", "Shout", "Alice");

  await alice.goto(`${base}/settings`);
  await alice.getByLabel(/All threads resolved before merge/).check();
  const ruleForm = alice.locator("form").filter({ has: alice.getByLabel(/All threads resolved/) });
  await ruleForm.getByRole("button", { name: "Save" }).click();
  await expect(ruleForm.getByText("Saved.")).toBeVisible();

  await alice.goto(`${base}/mr/new`);
  await alice.getByLabel("Paste or upload a patch").check();
  await alice.getByRole("textbox", { name: /^Patch/ }).click();
  await alice.keyboard.insertText(git(repos.fork, "format-patch", "--stdout", "-1", "feature"));
  await alice.getByRole("button", { name: "Preview" }).click();
  await alice.getByRole("button", { name: "Open merge request" }).click();
  await expect(alice.getByTestId("mr-title")).toHaveText("Shout");
  const address = alice.url();

  const bob = await signedInPage(browser, "bob@b.test");
  await bob.goto(`${address}?tab=files`);
  await bob.getByRole("button", { name: /^Comment on line 3 of/ }).click();
  await bob.getByLabel("Comment on line 3", { exact: true }).fill("Why shout?");
  await bob.getByRole("button", { name: "Comment", exact: true }).first().click();
  await expect(bob.getByTestId("comment").filter({ hasText: "Why shout?" })).toBeVisible();

  // alice: one unresolved thread, and the merge box says why Merge is refused.
  await alice.reload();
  await expect(alice.getByTestId("unresolved-threads")).toHaveText("1 unresolved thread");
  await expect(alice.getByTestId("merge-blockers")).toContainText("1 thread is unresolved");
  await expect(alice.getByRole("button", { name: "Merge", exact: true })).toBeDisabled();

  const thread = alice.getByTestId("thread").filter({ hasText: "Why shout?" });
  await thread.getByRole("button", { name: "Reply" }).click();
  await thread.getByLabel("Reply", { exact: true }).fill("It is the important one.");
  await thread.getByRole("button", { name: "Reply", exact: true }).last().click();
  await expect(thread.getByTestId("comment").filter({ hasText: "important one" })).toBeVisible();

  await bob.goto(address);
  const bobsThread = bob.getByTestId("thread").filter({ hasText: "Why shout?" });
  await expect(bobsThread).toContainText("important one");
  await bobsThread.getByRole("button", { name: "Resolve thread" }).click();
  await expect(bob.getByTestId("thread-resolved")).toContainText("Resolved by bob@b.test");

  // alice's page was open all along: the thread folds without a reload, and Merge is allowed.
  await expect(alice.getByTestId("thread-resolved")).toContainText("Resolved by bob@b.test", {
    timeout: 10_000,
  });
  await expect(alice.getByTestId("unresolved-threads")).toHaveCount(0);
  await expect(alice.getByTestId("merge-blockers")).toHaveCount(0);
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(alice.getByTestId("mr-status")).toContainText(/merged/i);
});
