import { expect, test, type Page } from "@playwright/test";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { createProject, formAlert, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

/**
 * Issue #12, review integrity: Merge merges what the page showed. Anyone who may publish to the
 * tracker can add a revision; one added after the maintainer opened the page is refused.
 */
const SERVICE = "pubsub.a.test";

async function paste(page: Page, text: string) {
  await page.keyboard.insertText(text);
}

test("a revision published after the page was opened is not merged", async ({ browser }) => {
  test.setTimeout(150_000);
  const repos = makeGitProject();
  const slug = "pinned";
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Pinned", slug, cloneUrl: repos.upstream });
  commitFile(repos.fork, "GREETING", "hello\n", "Greet", "Bob");
  const first = git(repos.fork, "format-patch", "--stdout", "-1", "feature");

  const bob = await signedInPage(browser, "bob@b.test");
  await bob.goto(`/p/${SERVICE}/${slug}/mr/new`);
  await bob.getByLabel("Paste or upload a patch").check();
  await bob.getByRole("textbox", { name: /^Patch/ }).click();
  await paste(bob, first);
  await bob.getByRole("button", { name: "Preview" }).click();
  await expect(bob.getByTestId("preview-commits").locator("li")).toHaveCount(1);
  await bob.getByRole("button", { name: "Open merge request" }).click();
  await expect(bob.getByTestId("mr-title")).toHaveText("Greet");
  const address = bob.url();

  // Alice reviews revision 1…
  await alice.goto(address);
  await expect(alice.getByTestId("mr-title")).toHaveText("Greet");

  // …while bob slips in a second commit.
  commitFile(repos.fork, "PAYLOAD", "surprise\n", "Surprise", "Bob");
  await bob.getByText("Paste a new revision").click();
  await bob.getByLabel("New series").click();
  await paste(bob, git(repos.fork, "format-patch", "--stdout", "main..feature"));
  await bob.getByRole("button", { name: "Publish revision" }).click();
  await expect(bob.getByRole("status").filter({ hasText: "Revision 2 published." })).toBeVisible();

  // Her page is live: it shows the new revision arrived, but Merge still means what she read.
  await expect(alice.getByText("Revision 2 arrived while this page was open")).toBeVisible();
  const repository = projectRepositoryDir({ service: SERVICE, slug, scm: "git" });
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(formAlert(alice)).toContainText(
    "changed since the page was shown (it is now at revision 2)",
    { timeout: 20_000 },
  );
  await expect(alice.getByTestId("mr-status").getByTestId("status-badge")).not.toHaveAttribute(
    "data-status",
    "merged",
  );
  expect(() => git(repository, "show", "main:PAYLOAD")).toThrow();

  // Having seen revision 2, she merges it.
  await alice.reload();
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 20_000,
  });
  expect(git(repository, "show", "main:PAYLOAD")).toBe("surprise\n");
});
