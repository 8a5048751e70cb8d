import { expect, test } from "@playwright/test";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { createProject, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

/** Issue #15: a draft merge request is listed apart and cannot be merged until marked ready. */
const SERVICE = "pubsub.a.test";

test("bob opens a draft; alice cannot merge it until bob marks it ready", async ({ browser }) => {
  test.setTimeout(180_000);
  const repos = makeGitProject();
  const slug = "drafts";
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Drafts", slug, cloneUrl: repos.upstream });
  commitFile(repos.fork, "NOTES", "notes\n", "Add notes", "Bob");

  const bob = await signedInPage(browser, "bob@b.test");
  await bob.goto(`/p/${SERVICE}/${slug}/mr/new`);
  await bob.getByLabel("Paste or upload a patch").check();
  await bob.getByRole("textbox", { name: /^Patch/ }).click();
  await bob.keyboard.insertText(git(repos.fork, "format-patch", "--stdout", "-1", "feature"));
  await bob.getByRole("button", { name: "Preview" }).click();
  await expect(bob.getByTestId("preview-commits").locator("li")).toHaveCount(1);
  await bob.getByLabel("Open as a draft").check();
  await bob.getByRole("button", { name: "Open merge request" }).click();
  await expect(bob.getByTestId("mr-title")).toHaveText("Draft: Add notes");
  const address = bob.url();

  // Listed apart: the drafts filter shows it, the ready-only filter does not.
  await alice.goto(`/p/${SERVICE}/${slug}/mr?drafts=only`);
  await expect(alice.getByTestId("mr-row")).toHaveCount(1);
  await alice.goto(`/p/${SERVICE}/${slug}/mr?drafts=hide`);
  await expect(alice.getByText("No merge requests match these filters.")).toBeVisible();

  // The merge box says why, and Merge cannot be pressed.
  await alice.goto(address);
  await expect(alice.getByTestId("merge-blockers")).toContainText("It is a draft");
  await expect(alice.getByRole("button", { name: "Merge", exact: true })).toBeDisabled();

  // Bob marks it ready; alice's open page follows live and she merges.
  await bob.getByRole("button", { name: "Mark as ready" }).click();
  await expect(bob.getByRole("status").filter({ hasText: "Marked as ready." })).toBeVisible();
  await expect(alice.getByTestId("mr-title")).toHaveText("Add notes");
  await expect(alice.getByTestId("merge-blockers")).toHaveCount(0);
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 20_000,
  });
  const repository = projectRepositoryDir({ service: SERVICE, slug, scm: "git" });
  expect(git(repository, "show", "main:NOTES")).toBe("notes\n");
});
