import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { instanceB } from "../playwright.config";
import { createProject, DEMO_PASSWORD, formAlert, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject, runTool, withCredentials } from "./repos";

/** Issue #15: a reviewer's suggested change, applied from the browser, is the next revision. */
const SERVICE = "pubsub.a.test";

/** alice opens a merge request in her project from a patch of her fork; returns its address. */
export async function openPatchMergeRequest(
  alice: Page,
  slug: string,
  patch: string,
): Promise<string> {
  await alice.goto(`/p/${SERVICE}/${slug}/mr/new`);
  await alice.getByLabel("Paste or upload a patch").check();
  await alice.getByRole("textbox", { name: /^Patch/ }).click();
  await alice.keyboard.insertText(patch);
  await alice.getByRole("button", { name: "Preview" }).click();
  await expect(alice.getByTestId("preview-commits").locator("li")).toHaveCount(1);
  await alice.getByRole("button", { name: "Open merge request" }).click();
  await expect(alice.getByTestId("mr-title")).toBeVisible();
  return new URL(alice.url()).pathname;
}

/** `reviewer` writes a suggestion replacing lines `from`..`line` of `file` with `lines`. */
export async function suggestChange(
  reviewer: Page,
  where: { file: string; from?: number; line: number },
  lines: readonly string[],
): Promise<void> {
  await reviewer
    .getByRole("button", { name: `Comment on line ${where.line} of ${where.file}` })
    .click();
  if (where.from !== undefined) await reviewer.getByLabel("From line").fill(String(where.from));
  const box = reviewer.getByLabel(`Comment on line ${where.line}`, { exact: true });
  await box.fill(["Quieter, please:", "```suggestion", ...lines, "```"].join("\n"));
  await reviewer.getByRole("button", { name: "Comment", exact: true }).first().click();
  await expect(box).toBeHidden();
}

async function bobOnInstanceB(browser: Browser): Promise<Page> {
  return signedInPage(browser, "bob@b.test", { origin: instanceB });
}

test("bob suggests a change from his instance; alice applies it; the new revision holds it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const repos = makeGitProject();
  const slug = "suggestions";
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Suggestions", slug, cloneUrl: repos.upstream });
  commitFile(repos.fork, "src/app.txt", "one\ntwo\nTHREE\nfour\nfive\n", "Shout three", "Alice");
  const address = await openPatchMergeRequest(
    alice,
    slug,
    git(repos.fork, "format-patch", "--stdout", "-1", "feature"),
  );

  const bob = await bobOnInstanceB(browser);
  await bob.goto(`${address}?tab=files`);
  await expect(bob.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await suggestChange(bob, { file: "src/app.txt", from: 2, line: 3 }, ["two", "Three, quietly"]);
  const bobsSuggestion = bob.getByTestId("suggestion");
  await expect(bobsSuggestion).toContainText("lines 2–3");
  // Not his merge request: he sees the change, not the buttons.
  await expect(bob.getByRole("button", { name: "Apply suggestion" })).toHaveCount(0);

  await alice.goto(`${address}?tab=files`);
  const suggestion = alice.getByRole("region", {
    name: "Suggested change to src/app.txt, lines 2–3",
  });
  await expect(suggestion).toBeVisible({ timeout: 10_000 });
  await expect(suggestion.locator("tr")).toHaveText([/two/, /THREE/, /two/, /Three, quietly/]);
  // Shown as a diff, not as the block's plain code.
  await expect(alice.locator("code.language-suggestion")).toBeHidden();
  await suggestion.getByRole("button", { name: "Apply suggestion" }).click();

  // The page follows to revision 2, whose last commit says whose change it is.
  await expect(
    alice.getByRole("link", { name: /^Commit 2: .* Apply suggestion from bob@b\.test$/ }),
  ).toBeVisible({ timeout: 30_000 });

  // Revision 2's combined diff carries the suggested line.
  await alice.goto(`${address}?tab=files`);
  const revisions = alice.getByRole("navigation", { name: "Revisions" });
  await expect(revisions.getByRole("link", { name: "2", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(alice.getByRole("region", { name: "Changes" })).toContainText("Three, quietly");
  await alice.goto(`${address}?tab=commits`);
  await expect(alice.getByText("Apply suggestion from bob@b.test")).toBeVisible();

  // On revision 1, the suggestion says it was applied, and offers no button any more.
  await alice.goto(`${address}?tab=files&rev=1`);
  await expect(alice.getByTestId("suggestion-applied")).toHaveText("Applied in revision 2");
  await expect(alice.getByRole("button", { name: "Apply suggestion" })).toHaveCount(0);

  // bob's page, open all along on instance B, shows the new revision without a reload.
  await expect(
    bob
      .getByRole("navigation", { name: "Revisions" })
      .getByRole("link", { name: "2", exact: true }),
  ).toBeVisible({ timeout: 15_000 });
});

test("on a merge request from a branch of the hosted repository, the applied suggestion lands on that branch", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const slug = `suggest-hosted-${run}`;
  const tool = (cwd: string, ...args: string[]) => {
    const result = runTool("git", cwd, "Alice <alice@a.test>", args);
    expect(result.ok, result.output).toBe(true);
    return result.stdout;
  };
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: `Suggest hosted ${run}`, slug, hosted: true });
  const address = await alice.getByLabel("Clone").inputValue();
  const pushTo = withCredentials(address, "alice@a.test", DEMO_PASSWORD);
  const work = path.join(mkdtempSync(path.join(tmpdir(), "pubforge-suggest-")), "work");
  tool(path.dirname(work), "init", "-q", "-b", "main", work);
  writeFileSync(path.join(work, "app.txt"), "one\ntwo\nthree\n");
  tool(work, "add", "app.txt");
  tool(work, "commit", "-q", "-m", "Base");
  tool(work, "push", "-q", pushTo, "HEAD:refs/heads/main");
  tool(work, "checkout", "-q", "-b", "topic");
  writeFileSync(path.join(work, "app.txt"), "one\ntwo\nTHREE\n");
  tool(work, "commit", "-q", "-am", "Shout three");
  tool(work, "push", "-q", pushTo, "HEAD:refs/heads/topic");

  // Opened from the hosted repository's branch, as the code browser's compare page links it.
  const query = new URLSearchParams({
    sourceUrl: address,
    sourceRef: "topic",
    targetBranch: "main",
  });
  await alice.goto(`/p/${SERVICE}/${slug}/mr/new?${query}`);
  await alice.getByRole("button", { name: "Preview" }).click();
  await expect(alice.getByTestId("preview-commits").locator("li")).toHaveCount(1);
  await alice.getByRole("button", { name: "Open merge request" }).click();
  await expect(alice.getByTestId("mr-title")).toBeVisible();
  const mergeRequest = new URL(alice.url()).pathname;

  await alice.goto(`${mergeRequest}?tab=files`);
  await suggestChange(alice, { file: "app.txt", line: 3 }, ["Three, quietly"]);
  const apply = alice.getByRole("button", { name: "Apply suggestion", exact: true });
  await expect(apply).toHaveCount(1, { timeout: 15_000 });
  await apply.click();
  await expect(
    alice.getByRole("link", { name: /^Commit 2: .* Apply suggestion from alice@a\.test$/ }),
  ).toBeVisible({ timeout: 30_000 });

  // A fresh clone has the suggestion's commit on topic, on top of what was pushed.
  const clone = path.join(mkdtempSync(path.join(tmpdir(), "pubforge-suggest-clone-")), "c");
  tool(path.dirname(clone), "clone", "-q", "-b", "topic", address, clone);
  expect(tool(clone, "log", "--format=%s").trim().split("\n")).toEqual([
    "Apply suggestion from alice@a.test",
    "Shout three",
    "Base",
  ]);
  expect(readFileSync(path.join(clone, "app.txt"), "utf8")).toBe("one\ntwo\nThree, quietly\n");

  // Someone pushes to topic after revision 2: the next suggestion is refused, the push kept.
  writeFileSync(path.join(clone, "more.txt"), "more\n");
  tool(clone, "add", "more.txt");
  tool(clone, "commit", "-q", "-m", "Pushed meanwhile");
  tool(clone, "push", "-q", pushTo, "HEAD:refs/heads/topic");
  const pushed = tool(clone, "rev-parse", "HEAD").trim();
  await alice.goto(`${mergeRequest}?tab=files`);
  await suggestChange(alice, { file: "app.txt", line: 1 }, ["One"]);
  await expect(apply).toHaveCount(1, { timeout: 15_000 });
  await apply.click();
  await expect(formAlert(alice)).toContainText("moved since revision 2");
  const again = path.join(mkdtempSync(path.join(tmpdir(), "pubforge-suggest-again-")), "c");
  tool(path.dirname(again), "clone", "-q", "-b", "topic", address, again);
  expect(tool(again, "rev-parse", "HEAD").trim()).toBe(pushed);
});
