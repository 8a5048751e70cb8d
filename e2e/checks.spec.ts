import { expect, test } from "@playwright/test";
import { createProject, signedInPage } from "./helpers";
import { allowCiBot, expectCheck, type RunningBot, startCiBot } from "./ci-bot";
import { commitFile, git, makeGitProject } from "./repos";

/** Issue #15: a CI bot alice allows reports on each revision; a required check gates merging. */
const SERVICE = "pubsub.a.test";
const SLUG = "checked";
const BASE = `/p/${SERVICE}/${SLUG}`;
let bot: RunningBot | undefined;

test.afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

test("the example bot reports success and failure; a failing required check refuses the merge", async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const repos = makeGitProject();
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Checked", slug: SLUG, cloneUrl: repos.upstream });
  await allowCiBot(alice, BASE, "carol@a.test", "ci");

  // The bot's command passes when the merge request adds NEWFILE.
  bot = await startCiBot({
    jid: "carol@a.test",
    service: SERVICE,
    project: SLUG,
    command: "test -f NEWFILE",
  });

  commitFile(repos.fork, "NEWFILE", "new\n", "Add the new file", "Bob");
  const passing = git(repos.fork, "format-patch", "--stdout", "-1", "feature");
  git(repos.fork, "checkout", "-q", "-b", "other", "main");
  commitFile(repos.fork, "OTHER", "other\n", "Add another file", "Bob");
  const failing = git(repos.fork, "format-patch", "--stdout", "-1", "other");

  const bob = await signedInPage(browser, "bob@b.test");
  const open = async (patch: string) => {
    await bob.goto(`${BASE}/mr/new`);
    await bob.getByLabel("Paste or upload a patch").check();
    await bob.getByRole("textbox", { name: /^Patch/ }).click();
    await bob.keyboard.insertText(patch);
    await bob.getByRole("button", { name: "Preview" }).click();
    await expect(bob.getByTestId("preview-commits").locator("li")).toHaveCount(1);
    await bob.getByRole("button", { name: "Open merge request" }).click();
    await expect(bob.getByTestId("mr-title")).toBeVisible();
    return bob.url();
  };
  const good = await open(passing);
  const bad = await open(failing);

  // The failing one: its page follows live, says why, and Merge cannot be pressed.
  await alice.goto(bad);
  await expectCheck(alice, "ci", "failure").catch((error: Error) => {
    throw new Error(`${error.message}\nbot output:\n${bot?.output()}`);
  });
  const failed = alice.locator('[data-testid="check"][data-name="ci"]');
  await expect(failed).toContainText("Failed");
  await expect(failed).toContainText("$ test -f NEWFILE");
  await expect(failed).toContainText("by carol@a.test");
  await expect(alice.getByTestId("merge-blockers")).toContainText(
    "Check ci has not passed on revision 1",
  );
  await expect(alice.getByRole("button", { name: "Merge", exact: true })).toBeDisabled();

  // The list tells them apart.
  await alice.goto(`${BASE}/mr`);
  await expect(alice.getByTestId("mr-checks")).toHaveCount(2);
  await expect(alice.getByTestId("mr-row").filter({ hasText: "Add another file" })).toContainText(
    "Checks failing",
  );
  await expect(alice.getByTestId("mr-row").filter({ hasText: "Add the new file" })).toContainText(
    "Checks passed",
  );

  // The passing one merges.
  await alice.goto(good);
  await expectCheck(alice, "ci", "success");
  await expect(alice.getByTestId("merge-blockers")).toHaveCount(0);
  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 30_000,
  });
});
