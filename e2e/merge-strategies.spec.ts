import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createProject, DEMO_PASSWORD, seriousViolations, signedInPage } from "./helpers";
import { runTool, withCredentials } from "./repos";

/**
 * Merges that land in a hosted repository, one per strategy, pressed in the browser; each is
 * judged by a fresh clone over Pubforge's HTTP with the real `git` or `hg`. Mergeability
 * (conflicts, a target that moved) is on the page before anything is pressed.
 */
const run = Date.now().toString(36);
const scratch = () => mkdtempSync(path.join(tmpdir(), "pubforge-strategies-"));

// Committer = author at the author's date, as Pubforge writes a series' commits: a pasted
// series then becomes the very commits it was made from.
const DATE = "2026-03-01T10:00:00+00:00";
function tool(command: "git" | "hg", cwd: string, args: string[]): string {
  const result = runTool(command, cwd, "Bob <bob@b.test>", args, { date: DATE });
  if (!result.ok) throw new Error(`${command} ${args.join(" ")}: ${result.output}`);
  return result.stdout;
}
const git = (cwd: string, ...args: string[]) => tool("git", cwd, args);
const hg = (cwd: string, ...args: string[]) => tool("hg", cwd, args);

/** Opens a merge request from pasted series text and returns its page's URL. */
async function openPasted(page: Page, base: string, series: string, title: string) {
  await page.goto(`${base}/mr/new`);
  await page.getByLabel("Paste or upload a patch").check();
  await page.getByRole("textbox", { name: /^Patch/ }).click();
  await page.keyboard.insertText(series);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-commits").locator("li")).not.toHaveCount(0);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Open merge request" }).click();
  await expect(page.getByTestId("mr-title")).toHaveText(title, { timeout: 20_000 });
  await expect(page.getByTestId("merge-box")).toBeVisible();
  return page.url();
}

/** Picks a strategy in the merge box with the keyboard's radio group, and merges. */
async function mergeWith(page: Page, strategy: string) {
  const radio = page.getByTestId(`merge-strategy-${strategy}`);
  await expect(radio).toBeEnabled();
  await radio.check();
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 30_000,
  });
}

test("a hosted Git project: merge commit, fast-forward, squash and rebase land; conflicts show first", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const alice = await signedInPage(browser, "alice@a.test");
  const slug = `strategies-${run}`;
  await createProject(alice, { name: `Strategies ${run}`, slug, hosted: true });
  const base = new URL(alice.url()).pathname;
  const address = await alice.getByLabel("Clone").inputValue();
  const pushUrl = withCredentials(address, "alice@a.test", DEMO_PASSWORD);

  const dir = scratch();
  const work = path.join(dir, "work");
  git(dir, "init", "-q", "-b", "main", work);
  writeFileSync(path.join(work, "README.md"), "# Strategies\n\nline\n");
  git(work, "add", "-A");
  git(work, "commit", "-q", "-m", "Start");
  git(work, "push", "-q", pushUrl, "HEAD:main");
  const commit = (file: string, text: string, message: string) => {
    writeFileSync(path.join(work, file), text);
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", message);
    return git(work, "rev-parse", "HEAD").trim();
  };
  const fresh = () => {
    const clone = path.join(scratch(), "clone");
    git(path.dirname(clone), "clone", "-q", address, clone);
    return clone;
  };

  // Fast-forward: the branch ends at the very commit that was pasted.
  const ff = commit("ff.txt", "ff\n", "Fast-forward me");
  await openPasted(alice, base, git(work, "format-patch", "--stdout", "--base=HEAD~1", "-1"), "FF");
  await expect(alice.getByTestId("merge-strategy-fast-forward")).toBeEnabled();
  expect(await seriousViolations(alice, '[data-testid="merge-box"]')).toEqual([]);
  await mergeWith(alice, "fast-forward");
  expect(git(fresh(), "rev-parse", "HEAD").trim()).toBe(ff);

  // Merge commit: two parents, the second the merge request's commit.
  commit("merge.txt", "merge\n", "Merge me");
  await openPasted(alice, base, git(work, "format-patch", "--stdout", "--base=HEAD~1", "-1"), "MC");
  await mergeWith(alice, "merge");
  let clone = fresh();
  expect(git(clone, "log", "-1", "--format=%P", "HEAD").trim().split(" ")).toHaveLength(2);
  expect(git(clone, "log", "-1", "--format=%s", "HEAD^2").trim()).toBe("Merge me");
  expect(git(clone, "log", "-1", "--format=%s", "HEAD").trim()).toMatch(
    /^Merge merge request !\d+: MC$/,
  );
  git(work, "pull", "-q", "--ff-only", address, "main");

  // Squash: two commits become one, titled as the merge request.
  const beforeSquash = git(work, "rev-parse", "HEAD").trim();
  commit("s1.txt", "one\n", "Squash one");
  commit("s2.txt", "two\n", "Squash two");
  await openPasted(
    alice,
    base,
    git(work, "format-patch", "--stdout", `--base=${beforeSquash}`, `${beforeSquash}..HEAD`),
    "Squashed work",
  );
  await mergeWith(alice, "squash");
  clone = fresh();
  expect(git(clone, "log", "-1", "--format=%s|%an|%P", "HEAD").trim()).toBe(
    `Squashed work|Bob|${beforeSquash}`,
  );
  expect(git(clone, "show", "HEAD:s2.txt")).toBe("two\n");

  // Rebase, on a branch that moved since the revision: fast-forward is not offered.
  git(work, "reset", "-q", "--hard", beforeSquash);
  commit("r.txt", "r\n", "Rebase me");
  await openPasted(
    alice,
    base,
    git(work, "format-patch", "--stdout", `--base=${beforeSquash}`, "-1"),
    "RB",
  );
  await expect(alice.getByTestId("mergeability-target-moved")).toContainText("1 new commit");
  await expect(alice.getByTestId("merge-strategy-fast-forward")).toBeDisabled();
  await mergeWith(alice, "rebase");
  clone = fresh();
  expect(git(clone, "log", "-2", "--format=%s", "HEAD").trim().split("\n")).toEqual([
    "Rebase me",
    "Squashed work",
  ]);

  // A conflict is on the page before anything is pressed, naming the file.
  git(work, "reset", "-q", "--hard", beforeSquash);
  commit("README.md", "# Strategies\n\nchanged here\n", "Edit the readme");
  git(clone, "config", "user.name", "Alice");
  writeFileSync(path.join(clone, "README.md"), "# Strategies\n\nchanged on main\n");
  git(clone, "commit", "-q", "-am", "Main edits the readme");
  git(clone, "push", "-q", pushUrl, "HEAD:main");
  await openPasted(
    alice,
    base,
    git(work, "format-patch", "--stdout", `--base=${beforeSquash}`, "-1"),
    "Conflicting",
  );
  await expect(alice.getByTestId("mergeability-conflicts")).toContainText("README.md");
  await expect(alice.getByTestId("merge-strategy-merge")).toBeDisabled();
  await expect(alice.getByTestId("merge-button")).toBeDisabled();
  const conflicting = alice.url();

  // Maintainers choose the strategies the project allows; the merge box offers only those.
  await alice
    .getByRole("navigation", { name: "Project" })
    .getByRole("link", { name: "Settings" })
    .click();
  // The settings page is the one shown (a client navigation), and the box stays unticked.
  await expect(alice.getByRole("heading", { name: "Merge strategies" })).toBeVisible();
  const squash = alice.getByRole("checkbox", { name: /^Squash/ });
  await squash.uncheck();
  await expect(squash).not.toBeChecked();
  await alice
    .getByRole("region", { name: "Merge strategies" })
    .getByRole("button", { name: "Save" })
    .click();
  await expect(
    alice.getByRole("status").filter({ hasText: "Merge strategies saved." }),
  ).toBeVisible();
  expect(await seriousViolations(alice, "main")).toEqual([]);
  await alice.goto(conflicting);
  await expect(alice.getByTestId("merge-strategy-rebase")).toHaveCount(1);
  await expect(alice.getByTestId("merge-strategy-squash")).toHaveCount(0);
});

test("a hosted Mercurial project: fast-forward, merge commit, squash and rebase land; conflicts show first", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const alice = await signedInPage(browser, "alice@a.test");
  const slug = `strategies-hg-${run}`;
  await createProject(alice, { name: `Strategies hg ${run}`, slug, hosted: true, scm: "hg" });
  const base = new URL(alice.url()).pathname;
  const address = await alice.getByLabel("Clone").inputValue();
  const pushUrl = withCredentials(address, "alice@a.test", DEMO_PASSWORD);

  const dir = scratch();
  const work = path.join(dir, "work");
  hg(dir, "init", work);
  writeFileSync(path.join(work, "README.md"), "# Strategies\n\nline\n");
  hg(work, "commit", "-q", "-A", "-m", "Start", "-d", "1772359200 0");
  hg(work, "push", "-q", pushUrl);
  const commit = (file: string, text: string, message: string) => {
    writeFileSync(path.join(work, file), text);
    hg(work, "commit", "-q", "-A", "-m", message, "-d", "1772359200 0");
    return hg(work, "log", "-r", ".", "-T", "{node}").trim();
  };
  const exported = (revs: string) => hg(work, "export", "--git", "-r", revs);
  const fresh = () => {
    const clone = path.join(scratch(), "clone");
    hg(path.dirname(clone), "clone", "-q", address, clone);
    return clone;
  };
  const log = (clone: string, rev: string, template: string) =>
    hg(clone, "log", "-r", rev, "-T", template).trim();

  // Fast-forward: the very changeset that was pasted, same id.
  const start = hg(work, "log", "-r", ".", "-T", "{node}").trim();
  const ff = commit("ff.txt", "ff\n", "Fast-forward me");
  await openPasted(alice, base, exported(ff), "FF");
  await mergeWith(alice, "fast-forward");
  expect(log(fresh(), "default", "{node}")).toBe(ff);

  // Merge commit, once default has moved since the revision's base.
  const topic = commit("merge.txt", "merge\n", "Merge me");
  hg(work, "update", "-q", ff);
  commit("moves.txt", "moves\n", "Default moves");
  hg(work, "push", "-q", "-r", ".", pushUrl);
  await openPasted(alice, base, exported(topic), "MC");
  await expect(alice.getByTestId("mergeability-target-moved")).toContainText("1 new commit");
  await mergeWith(alice, "merge");
  let clone = fresh();
  expect(log(clone, "default", "{p1node} {p2node}").split(" ")).toContain(topic);
  expect(log(clone, "default", "{desc}")).toMatch(/^Merge merge request !\d+: MC$/);

  // Squash: two changesets become one, by the first one's author.
  hg(work, "pull", "-q", "-u", address);
  hg(work, "update", "-q", "default");
  const beforeSquash = hg(work, "log", "-r", ".", "-T", "{node}").trim();
  const s1 = commit("s1.txt", "one\n", "Squash one");
  commit("s2.txt", "two\n", "Squash two");
  await openPasted(alice, base, exported(`${s1}::.`), "Squashed work");
  await mergeWith(alice, "squash");
  clone = fresh();
  expect(log(clone, "default", "{desc}|{author}|{p1node}")).toBe(
    `Squashed work|Bob <bob@b.test>|${beforeSquash}`,
  );

  // Rebase onto the squashed tip: fast-forward is not offered.
  hg(work, "update", "-q", beforeSquash);
  const rebased = commit("r.txt", "r\n", "Rebase me");
  await openPasted(alice, base, exported(rebased), "RB");
  await expect(alice.getByTestId("merge-strategy-fast-forward")).toBeDisabled();
  await mergeWith(alice, "rebase");
  clone = fresh();
  expect(log(clone, "default", "{desc}")).toBe("Rebase me");
  expect(log(clone, "p1(default)", "{desc}")).toBe("Squashed work");

  // A conflict is on the page before anything is pressed.
  hg(work, "update", "-q", start);
  const edit = commit("README.md", "# Strategies\n\nchanged here\n", "Edit the readme");
  writeFileSync(path.join(clone, "README.md"), "# Strategies\n\nchanged on default\n");
  hg(clone, "commit", "-q", "-m", "Default edits the readme", "-u", "Alice <alice@a.test>");
  hg(clone, "push", "-q", pushUrl);
  await openPasted(alice, base, exported(edit), "Conflicting");
  await expect(alice.getByTestId("mergeability-conflicts")).toContainText("README.md");
  await expect(alice.getByTestId("merge-button")).toBeDisabled();
});
