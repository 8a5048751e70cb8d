import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { createProject, formAlert, openMergeRequest, signedInPage, signIn } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

/**
 * Opening and merging merge requests as a newcomer does it: pasting patch text, uploading a
 * file, branches of an ordinary `git clone`, two merges that meet, and every error with its own
 * message (issue #10).
 */

const SERVICE = "pubsub.a.test";

/** A fork as people make them: `git clone` over a transport (objects in a pack), then gc. */
function clonedFork(upstream: string, root: string, name: string): string {
  const fork = path.join(root, name);
  execFileSync("git", ["clone", "-q", "--no-local", upstream, fork]);
  git(fork, "checkout", "-q", "-b", "feature");
  return fork;
}

async function openFromBranch(page: Page, base: string, fork: string, branch = "feature") {
  await openMergeRequest(page, base, { source: fork, branch });
  return page.url();
}

test.describe("merge requests as a newcomer opens them", () => {
  test("a pasted patch (the browser sends CRLF) opens a merge request and a new revision", async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    const repos = makeGitProject();
    const slug = "pasted";
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Pasted", slug, cloneUrl: repos.upstream });
    commitFile(repos.fork, "src/app.txt", "one\ntwo\nTHREE\nfour\nfive\n", "Shout", "Bob");
    const first = git(repos.fork, "format-patch", "--stdout", "-1", "feature");

    const bob = await signedInPage(browser, "bob@b.test");
    await bob.goto(`/p/${SERVICE}/${slug}/mr/new`);
    await bob.getByLabel("Paste or upload a patch").check();
    await bob.getByRole("textbox", { name: /^Patch/ }).click();
    await bob.keyboard.insertText(first);
    await bob.getByRole("button", { name: "Preview" }).click();
    await expect(bob.getByTestId("preview-commits").locator("li")).toHaveCount(1);
    await expect(bob.getByLabel("Title")).toHaveValue("Shout");
    await bob.getByRole("button", { name: "Open merge request" }).click();
    await expect(bob.getByTestId("mr-title")).toHaveText("Shout");

    commitFile(repos.fork, "src/app.txt", "one\ntwo\nThree\nfour\nfive\n", "Capitalise", "Bob");
    const series = git(repos.fork, "format-patch", "--stdout", "main..feature");
    await bob.getByText("Paste a new revision").click();
    await bob.getByLabel("New series").click();
    await bob.keyboard.insertText(series);
    await bob.getByRole("button", { name: "Publish revision" }).click();
    await expect(
      bob.getByRole("status").filter({ hasText: "Revision 2 published." }),
    ).toBeVisible();
  });

  test("an uploaded patch survives Preview and opens the merge request", async ({ browser }) => {
    const repos = makeGitProject();
    const slug = "uploaded";
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Uploaded", slug, cloneUrl: repos.upstream });
    commitFile(repos.fork, "NOTES", "notes\n", "Add notes", "Bob");
    const file = path.join(repos.root, "0001-add-notes.patch");
    writeFileSync(file, git(repos.fork, "format-patch", "--stdout", "-1", "feature"));

    await alice.goto(`/p/${SERVICE}/${slug}/mr/new`);
    await alice.getByLabel("Paste or upload a patch").check();
    await alice.getByLabel("…or upload a patch file").setInputFiles(file);
    await alice.getByRole("button", { name: "Preview" }).click();
    await expect(alice.getByTestId("preview-commits").locator("li")).toHaveCount(1);
    await expect(alice.getByLabel("Paste or upload a patch")).toBeChecked();
    await expect(alice.getByText("Using 0001-add-notes.patch")).toBeVisible();
    await alice.getByRole("button", { name: "Open merge request" }).click();
    await expect(alice.getByTestId("mr-title")).toHaveText("Add notes");
  });

  test("two merges touching one file: the second is refused as a conflict and the first stays", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const repos = makeGitProject();
    const slug = "two-merges";
    const forkA = clonedFork(repos.upstream, repos.root, "fork-a");
    const forkB = clonedFork(repos.upstream, repos.root, "fork-b");
    commitFile(forkA, "docs/EXAMPLES.md", "# Examples by A\n", "Examples (A)", "Bob");
    commitFile(forkB, "docs/EXAMPLES.md", "# Examples by B\n", "Examples (B)", "Bob");
    git(forkA, "gc", "-q");
    git(repos.upstream, "gc", "-q");

    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Two merges", slug, cloneUrl: repos.upstream });
    const base = `/p/${SERVICE}/${slug}`;
    const first = await openFromBranch(alice, base, forkA);
    const second = await openFromBranch(alice, base, forkB);

    await alice.goto(first);
    await alice.getByRole("button", { name: "Merge", exact: true }).click();
    await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
      timeout: 20_000,
    });
    const repository = projectRepositoryDir({ service: SERVICE, slug, scm: "git" });
    const afterFirst = git(repository, "rev-parse", "main").trim();

    // The second one's page says it conflicts before anything is pressed, and offers no way.
    await alice.goto(second);
    await expect(alice.getByTestId("mergeability-conflicts")).toContainText("docs/EXAMPLES.md");
    await expect(alice.getByTestId("merge-button")).toBeDisabled();
    expect(git(repository, "rev-parse", "main").trim()).toBe(afterFirst);
    expect(git(repository, "show", "main:docs/EXAMPLES.md")).toBe("# Examples by A\n");
    expect(git(repository, "log", "--format=%s", "main").split("\n")).toContain("Examples (A)");
    await expect(alice.getByTestId("mr-status").getByTestId("status-badge")).not.toHaveAttribute(
      "data-status",
      "merged",
    );

    // The overview offers an address anyone can clone, and the clone has the merge.
    await alice.goto(base);
    const address = await alice.getByLabel("Clone").inputValue();
    expect(address).toMatch(new RegExp(`^http://[^/]+/p/${SERVICE}/${slug}\\.git$`));
    const clone = path.join(repos.root, "clone");
    execFileSync("git", ["clone", "-q", address, clone]);
    expect(git(clone, "log", "--format=%s", "-1")).toBe("Examples (A)\n");
  });

  test("each failure says what went wrong", async ({ browser }) => {
    const repos = makeGitProject();
    const slug = "errors";
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Errors", slug, cloneUrl: repos.upstream });
    const form = `/p/${SERVICE}/${slug}/mr/new`;

    await alice.goto(form);
    await alice.getByLabel("Source repository").fill(repos.fork);
    await alice.getByLabel("Source branch").fill("no-such-branch");
    await alice.getByRole("button", { name: "Preview" }).click();
    await expect(formAlert(alice)).toContainText("“no-such-branch”");
    await expect(formAlert(alice)).toContainText(repos.fork);

    await alice.getByLabel("Source repository").fill("http://127.0.0.1:9/nothing.git");
    await alice.getByLabel("Source branch").fill("feature");
    await alice.getByRole("button", { name: "Preview" }).click();
    await expect(formAlert(alice)).toContainText("cannot fetch http://127.0.0.1:9/nothing.git");

    await alice.getByLabel("Paste or upload a patch").check();
    await alice.getByRole("textbox", { name: /^Patch/ }).click();
    await alice.keyboard.insertText("this is not a patch\n");
    await alice.getByRole("button", { name: "Preview" }).click();
    await expect(formAlert(alice)).toContainText("This is not a patch Pubforge can read");
    await expect(formAlert(alice)).not.toContainText("Something went wrong");
    await expect(alice.getByLabel("Title")).toHaveAttribute("maxlength", "300");

    // Previewing makes the server fetch a repository: not for someone no longer signed in.
    await alice.goto(form);
    await alice.context().clearCookies();
    await alice.getByLabel("Source repository").fill(repos.fork);
    await alice.getByLabel("Source branch").fill("feature");
    await alice.getByRole("button", { name: "Preview" }).click();
    await expect(formAlert(alice)).toContainText("Sign in again");
    await expect(alice.getByTestId("preview-commits")).toHaveCount(0);
    await signIn(alice, "alice@a.test");

    await alice.goto("/");
    await alice.getByLabel("Open a project by address").fill("not an address");
    await alice.getByRole("button", { name: "Open", exact: true }).click();
    await expect(formAlert(alice)).toHaveText(
      "Write a project's address as service/name (pubsub.example.org/project) or paste its xmpp: URI.",
    );
  });
});
