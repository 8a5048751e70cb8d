import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { instanceB } from "../playwright.config";
import { createProject, DEMO_PASSWORD, signIn, signedInPage } from "./helpers";
import { runTool, withCredentials } from "./repos";

/**
 * `git push origin HEAD:refs/for/main` (the AGit flow) on a repository alice hosts on the
 * a.test instance: bob@b.test, no maintainer, opens a merge request from his terminal, both
 * instances show it live, a second push adds a revision; what he may not do stays refused.
 */
const run = Date.now().toString(36);
const SERVICE = "pubsub.a.test";

/** `git` or `hg` as `who` (a JID), named by its local part. */
const as = (who: string) => `${who.split("@")[0]} <${who}>`;
const git = (cwd: string, who: string, ...args: string[]) => runTool("git", cwd, as(who), args);
const hg = (cwd: string, who: string, ...args: string[]) => runTool("hg", cwd, as(who), args);
const pageOn = (browser: Browser, origin: string | undefined, jid: string) =>
  signedInPage(browser, jid, { origin });

function commit(dir: string, who: string, file: string, text: string, message: string): void {
  writeFileSync(path.join(dir, file), text);
  git(dir, who, "add", file);
  expect(git(dir, who, "commit", "-q", "-m", message).ok).toBe(true);
}

const scratch = () => mkdtempSync(path.join(tmpdir(), "pubforge-agit-"));

test("bob@b.test opens a merge request with git push to refs/for/main; both instances show it live; a second push adds revision 2", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const slug = `agit-${run}`;
  const base = `/p/${SERVICE}/${slug}`;
  const alice = await pageOn(browser, undefined, "alice@a.test");
  await createProject(alice, { name: `AGit ${run}`, slug, hosted: true });
  const address = await alice.getByLabel("Clone").inputValue();

  // Alice pushes the first commit with her password.
  const aliceDir = scratch();
  git(aliceDir, "alice@a.test", "init", "-q", "-b", "main");
  commit(aliceDir, "alice@a.test", "README.md", "# AGit\n", "First commit");
  const alicePush = git(
    aliceDir,
    "alice@a.test",
    "push",
    withCredentials(address, "alice@a.test", DEMO_PASSWORD),
    "HEAD:main",
  );
  expect(alicePush.ok, alicePush.output).toBe(true);

  // Both instances' merge request lists are open before bob pushes.
  await alice.goto(`${base}/mr`);
  await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  const bobOnB = await pageOn(browser, instanceB, "bob@b.test");
  await bobOnB.goto(`${base}/mr`);
  await expect(bobOnB.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  // Bob clones (the project is public), commits and pushes for review with his password.
  const bobDir = scratch();
  expect(git(bobDir, "bob@b.test", "clone", "-q", address, "work").ok).toBe(true);
  const work = path.join(bobDir, "work");
  const bobRemote = withCredentials(address, "bob@b.test", DEMO_PASSWORD);
  commit(work, "bob@b.test", "README.md", "# AGit\n\nPushed for review.\n", "Explain the flow");
  const opened = git(
    work,
    "bob@b.test",
    "push",
    bobRemote,
    "HEAD:refs/for/main",
    "-o",
    "title=Document pushing for review",
    "-o",
    "description=Written from a terminal.",
  );
  expect(opened.ok, opened.output).toBe(true);
  const url = /remote: Merge request !(\d+) opened: (\S+)/.exec(opened.output);
  expect(url, opened.output).not.toBeNull();
  expect(url![2]).toMatch(new RegExp(`${base}/mr/${url![1]}$`));

  const title = "Document pushing for review";
  for (const page of [alice, bobOnB]) {
    await expect(page.getByRole("link", { name: title })).toBeVisible({ timeout: 5_000 });
  }
  // Nothing under refs/for/ or refs/pubforge/ is a ref a clone sees.
  const refs = git(work, "bob@b.test", "ls-remote", address);
  expect(refs.output).toContain("refs/heads/main");
  expect(refs.output).not.toMatch(/refs\/(for|pubforge)\//);

  // On its page: bob is its author, the description is the push option's, one commit.
  await alice.goto(new URL(url![2]!).pathname);
  await expect(alice.getByTestId("mr-title")).toHaveText(title);
  await expect(alice.getByTestId("mr-author")).toContainText("bob@b.test");
  await expect(alice.getByText("Written from a terminal.")).toBeVisible();
  await alice
    .getByRole("navigation", { name: "Merge request" })
    .getByRole("link", { name: /^Commits/ })
    .click();
  await expect(alice.getByTestId("mr-commits").locator("li")).toHaveCount(1);
  await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  // A second push to the same ref is revision 2 of the same merge request, live on her page.
  commit(work, "bob@b.test", "NOTES.md", "Second thoughts.\n", "Add notes");
  const revised = git(work, "bob@b.test", "push", bobRemote, "HEAD:refs/for/main");
  expect(revised.ok, revised.output).toBe(true);
  expect(revised.output).toContain(`remote: Revision 2 of merge request !${url![1]}: ${url![2]}`);
  await expect(alice.getByTestId("mr-commits").locator("li")).toHaveCount(2, { timeout: 5_000 });
  await expect(bobOnB.getByRole("link", { name: title })).toHaveCount(1);

  // A branch is still the maintainers' to update, and refs/pubforge/ is nobody's.
  const toMain = git(work, "bob@b.test", "push", bobRemote, "HEAD:refs/heads/main");
  expect(toMain.ok).toBe(false);
  expect(toMain.output).toContain("bob@b.test is not a maintainer");
  const hidden = git(work, "bob@b.test", "push", bobRemote, "HEAD:refs/pubforge/x/1");
  expect(hidden.ok).toBe(false);
  expect(hidden.output).toContain("deny updating a hidden ref");
  const fresh = scratch();
  expect(git(fresh, "bob@b.test", "clone", "-q", address, "copy").ok).toBe(true);
  expect(git(path.join(fresh, "copy"), "bob@b.test", "log", "--format=%s").output.trim()).toBe(
    "First commit",
  );
});

test("a push for review is refused to a non-member of a members-only project, and to a token with no session of its owner", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const alice = await pageOn(browser, undefined, "alice@a.test");
  const hiddenSlug = `agit-private-${run}`;
  await createProject(alice, {
    name: `Private AGit ${run}`,
    slug: hiddenSlug,
    hosted: true,
    access: "whitelist",
  });
  const hiddenAddress = await alice.getByLabel("Clone").inputValue();
  const openSlug = `agit-token-${run}`;
  await createProject(alice, { name: `Token AGit ${run}`, slug: openSlug, hosted: true });
  const openAddress = await alice.getByLabel("Clone").inputValue();

  const dir = scratch();
  git(dir, "alice@a.test", "init", "-q", "-b", "main");
  commit(dir, "alice@a.test", "a.txt", "a\n", "First");
  for (const address of [hiddenAddress, openAddress]) {
    const pushed = git(
      dir,
      "alice@a.test",
      "push",
      withCredentials(address, "alice@a.test", DEMO_PASSWORD),
      "HEAD:main",
    );
    expect(pushed.ok, pushed.output).toBe(true);
  }
  commit(dir, "bob@b.test", "a.txt", "b\n", "Change a");

  const outsider = git(
    dir,
    "bob@b.test",
    "push",
    withCredentials(hiddenAddress, "bob@b.test", DEMO_PASSWORD),
    "HEAD:refs/for/main",
  );
  expect(outsider.ok).toBe(false);
  expect(outsider.output).toContain(`There is no repository at ${SERVICE}/${hiddenSlug}`);

  // dave makes a token on the a.test instance and signs out: the token alone publishes nothing.
  const dave = await pageOn(browser, undefined, "dave@b.test");
  await dave.goto("/settings/tokens");
  await dave.getByLabel("Name").fill("agit");
  await dave.getByRole("button", { name: "Make token" }).click();
  const token = await dave.getByTestId("new-token").inputValue();
  await dave.getByRole("button", { name: "Sign out" }).click();
  await expect(dave.getByTestId("viewer-jid")).toHaveCount(0);
  const withToken = git(
    dir,
    "dave@b.test",
    "push",
    withCredentials(openAddress, "dave@b.test", token),
    "HEAD:refs/for/main",
  );
  expect(withToken.ok).toBe(false);
  expect(withToken.output).toContain("An access token alone does not publish in your name");

  // Signed in again, the same token's push opens the merge request with dave's own session.
  await signIn(dave, "dave@b.test");
  const signedIn = git(
    dir,
    "dave@b.test",
    "push",
    withCredentials(openAddress, "dave@b.test", token),
    "HEAD:refs/for/main",
    "-o",
    "topic=change-a",
  );
  expect(signedIn.ok, signedIn.output).toBe(true);
  expect(signedIn.output).toMatch(/remote: Merge request !1 opened: /);
  await dave.goto(`/p/${SERVICE}/${openSlug}/mr/1`);
  await expect(dave.getByTestId("mr-title")).toHaveText("Change a");
  await expect(dave.getByTestId("mr-author")).toContainText("dave@b.test");
});

test("Mercurial: bob@b.test pushes for review to …/<slug>.hg/for/default; a second push adds revision 2", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const slug = `hg-review-${run}`;
  const alice = await pageOn(browser, undefined, "alice@a.test");
  await createProject(alice, { name: `hg review ${run}`, slug, hosted: true, scm: "hg" });
  const address = await alice.getByLabel("Clone").inputValue();

  const aliceDir = scratch();
  hg(aliceDir, "alice@a.test", "init", "work");
  const aliceWork = path.join(aliceDir, "work");
  writeFileSync(path.join(aliceWork, "README.md"), "# hg review\n");
  hg(aliceWork, "alice@a.test", "commit", "-A", "-m", "First changeset");
  const first = hg(
    aliceWork,
    "alice@a.test",
    "push",
    withCredentials(address, "alice@a.test", DEMO_PASSWORD),
  );
  expect(first.ok, first.output).toBe(true);

  const bobDir = scratch();
  expect(hg(bobDir, "bob@b.test", "clone", address, "work").ok).toBe(true);
  const work = path.join(bobDir, "work");
  writeFileSync(path.join(work, "README.md"), "# hg review\n\nFrom bob.\n");
  hg(work, "bob@b.test", "commit", "-m", "Say who wrote it");
  const forReview = withCredentials(`${address}/for/default`, "bob@b.test", DEMO_PASSWORD);
  const opened = hg(work, "bob@b.test", "push", forReview);
  expect(opened.ok, opened.output).toBe(true);
  const url = /remote: Merge request !(\d+) opened: (\S+)/.exec(opened.output);
  expect(url, opened.output).not.toBeNull();

  await alice.goto(new URL(url![2]!).pathname);
  await expect(alice.getByTestId("mr-title")).toHaveText("Say who wrote it");
  await expect(alice.getByTestId("mr-author")).toContainText("bob@b.test");
  await alice
    .getByRole("navigation", { name: "Merge request" })
    .getByRole("link", { name: /^Commits/ })
    .click();
  await expect(alice.getByTestId("mr-commits").locator("li")).toHaveCount(1);
  await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  writeFileSync(path.join(work, "NOTES.md"), "More.\n");
  hg(work, "bob@b.test", "commit", "-A", "-m", "Add notes");
  const revised = hg(work, "bob@b.test", "push", forReview);
  expect(revised.ok, revised.output).toBe(true);
  expect(revised.output).toContain(`remote: Revision 2 of merge request !${url![1]}: ${url![2]}`);
  await expect(alice.getByTestId("mr-commits").locator("li")).toHaveCount(2, { timeout: 5_000 });

  // The project's own repository did not take bob's changesets.
  const copy = scratch();
  expect(hg(copy, "alice@a.test", "clone", address, "copy").ok).toBe(true);
  expect(hg(path.join(copy, "copy"), "alice@a.test", "log", "-T", "{desc}\\n").output.trim()).toBe(
    "First changeset",
  );
});
