import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createProject, seriousViolations, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

/**
 * A merge request with many files: the files tab renders the first screens' rows and loads the
 * others when scrolled near, opened from the keyboard, or linked to (a line, a comment).
 */
const SERVICE = "pubsub.a.test";
const SLUG = "big-diff";
const FILES = 30;
const LINES = 40;
/** One file past the size that starts collapsed: it waits for "Load diff" even when in view. */
const BIG = 20;
const BIG_LINES = 450;

const name = (f: number) => `src/f${String(f).padStart(2, "0")}.txt`;
/** A file's rows arrive through the server's action queue, one file at a time: slow on a busy machine. */
const LOADED = { timeout: 30_000 };
const text = (f: number, lines: number) =>
  Array.from({ length: lines }, (_, i) => `line ${i + 1} of f${f}`).join("\n") + "\n";

async function openFilesTab(page: Page, url: string, hash = "") {
  await page.goto(`${url}?tab=files${hash}`);
  await expect(page.locator("#diff-file-0 table")).toBeVisible();
}

test("a merge request of 30 files loads the later ones on scroll, from the keyboard and from links", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const repos = makeGitProject();
  for (let f = 0; f < FILES; f++) {
    writeFileSync(path.join(repos.fork, name(f)), text(f, f === BIG ? BIG_LINES : LINES));
  }
  commitFile(repos.fork, "src/f00.txt", text(0, LINES), "Add thirty files", "Bob");
  git(repos.fork, "add", "-A");
  git(repos.fork, "commit", "-q", "--amend", "--no-edit");
  const patchFile = path.join(repos.root, "0001-add-thirty-files.patch");
  writeFileSync(patchFile, git(repos.fork, "format-patch", "--stdout", "-1", "feature"));

  const alice = await signedInPage(browser, "alice@a.test");
  await alice.setViewportSize({ width: 1280, height: 800 });
  await createProject(alice, { name: "Big diff", slug: SLUG, cloneUrl: repos.upstream });
  await alice.goto(`/p/${SERVICE}/${SLUG}/mr/new`);
  await alice.getByLabel("Paste or upload a patch").check();
  await alice.getByLabel("…or upload a patch file").setInputFiles(patchFile);
  await alice.getByRole("button", { name: "Preview" }).click();
  await alice.getByRole("button", { name: "Open merge request" }).click();
  await expect(alice.getByTestId("mr-title")).toHaveText("Add thirty files");
  const url = alice.url();

  // The first screens are in the page's HTML; the later files are headers without rows.
  const html = await (await alice.request.get(`${url}?tab=files`)).text();
  expect(html).toContain("line 40 of f0<");
  expect(html).not.toContain("line 1 of f29<");
  expect(html).toContain(name(29));

  await openFilesTab(alice, url);
  const late = alice.locator("#diff-file-12");
  await expect(late).toHaveAttribute("data-lazy", "idle");
  await expect(late.locator("table")).toHaveCount(0);

  // Scrolling near a file loads it (files above it loading may push it away: scroll again).
  await expect(async () => {
    await late.scrollIntoViewIfNeeded();
    await expect(late.getByRole("table", { name: `Changes to ${name(12)}` })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000 });
  await expect(late).toContainText("line 40 of f12");

  // A big file waits for "Load diff", which works from the keyboard.
  const big = alice.locator(`#diff-file-${BIG}`);
  await big.locator("summary").focus();
  await expect(big).toContainText(`Large diff: ${BIG_LINES} changed lines`);
  await expect(big).toHaveAttribute("data-lazy", "idle");
  await alice.keyboard.press("Enter");
  await expect(big.getByRole("table", { name: `Changes to ${name(BIG)}` })).toBeVisible(LOADED);
  await expect(big).toContainText(`line ${BIG_LINES} of f${BIG}`);

  // Comments on a loaded file: the form is made on click, and posts.
  await expect(async () => {
    await alice.locator("#diff-file-25").scrollIntoViewIfNeeded();
    await expect(alice.locator("#diff-file-25 table")).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await alice.getByRole("button", { name: `Comment on line 3 of ${name(25)}` }).click();
  await alice.getByLabel("Comment on line 3", { exact: true }).fill("Why three?");
  await alice.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(alice.locator("#diff-file-25 tr.diff-comments")).toContainText("Why three?", LOADED);

  // A link to a line of a later file loads that file and shows the line.
  const reader = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await openFilesTab(reader, url, "#diff-file-27-new7");
  const target = reader.locator("#diff-file-27 tr.diff-target");
  await expect(target).toContainText("line 7 of f27", LOADED);
  await expect(target).toBeInViewport();

  // The conversation's link to the inline comment loads the file it sits in.
  await reader.goto(url);
  await reader
    .getByRole("link", { name: /src\/f25\.txt/ })
    .first()
    .click();
  await expect(reader.locator("#diff-file-25")).toContainText("Why three?", LOADED);
  await expect(reader.getByText("Why three?")).toBeInViewport();

  // A failed load says so and can be tried again.
  const failing = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await failing.route("**/mr/**", (route) =>
    route.request().method() === "POST" ? route.abort() : route.continue(),
  );
  await openFilesTab(failing, url, "#diff-file-29");
  const failed = failing.locator("#diff-file-29");
  await expect(failed.getByRole("alert")).toContainText("This file could not be loaded", LOADED);
  await failing.unroute("**/mr/**");
  await failed.getByRole("button", { name: "Try again" }).click();
  await expect(failed.getByRole("table", { name: `Changes to ${name(29)}` })).toBeVisible(LOADED);

  // Accessible in both schemes, with loaded and unloaded files on the page.
  expect(await seriousViolations(alice, "main")).toEqual([]);
  const dark = await (await browser.newContext({ colorScheme: "dark" })).newPage();
  await openFilesTab(dark, url, "#diff-file-12");
  await expect(dark.locator("#diff-file-12 table")).toBeVisible(LOADED);
  expect(await seriousViolations(dark, "main")).toEqual([]);
});
