import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { instanceB } from "../playwright.config";
import { createProject, openMergeRequest, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject, repositoryScratchDir } from "./repos";

/**
 * A project on instance A whose repository is hosted on instance B: its merges are pushed to
 * B with a token of B's (a push mirror), a wrong token leaves the merge in place and says so;
 * and a project's repository moves into hosting on its own instance.
 */
const run = Date.now().toString(36);
const pageOn = (browser: Browser, origin: string, jid: string) =>
  signedInPage(browser, jid, { origin });

/** git with credentials from a one-shot helper, as a person's credential store gives them. */
function gitWithToken(cwd: string, user: string, token: string, ...args: string[]) {
  const result = spawnSync(
    "git",
    ["-c", `credential.helper=!f() { echo username=${user}; echo password=${token}; }; f`, ...args],
    { cwd, encoding: "utf8", env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } },
  );
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** The subjects of `main` in a fresh clone of `url`. */
function freshLog(url: string): string[] {
  const dir = repositoryScratchDir("mirror-clone-");
  execFileSync("git", ["clone", "-q", url, "copy"], { cwd: dir });
  return git(path.join(dir, "copy"), "log", "--format=%s", "main").trim().split("\n");
}

async function mergeFromFork(page: Page, base: string, fork: string, title: string) {
  await openMergeRequest(page, base, { source: fork, title });
  await page.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(page.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 60_000,
  });
}

test("a push mirror sends merges to the repository on another instance; a wrong token is shown and the merge stays", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // Bob hosts the repository on B and pushes a first commit with a token of B's.
  const bob = await pageOn(browser, instanceB, "bob@b.test");
  const upstreamSlug = `upstream-${run}`;
  await createProject(bob, {
    name: `Upstream ${run}`,
    slug: upstreamSlug,
    service: "pubsub.b.test",
    hosted: true,
  });
  const upstream = await bob.getByLabel("Clone").inputValue();
  expect(upstream).toBe(`${instanceB}/p/pubsub.b.test/${upstreamSlug}.git`);
  await bob.goto("/settings/tokens");
  await bob.getByLabel("Name").fill(`mirror ${run}`);
  await bob.getByRole("button", { name: "Make token" }).click();
  const token = await bob.getByTestId("new-token").inputValue();
  const seed = repositoryScratchDir("mirror-seed-");
  execFileSync("git", ["init", "-q", "-b", "main", seed]);
  commitFile(seed, "README", "The upstream.\n", "Start upstream");
  expect(gitWithToken(seed, "bob@b.test", token, "push", upstream, "main").ok).toBe(true);

  // Alice's project on A names B's repository as its clone URL, and pushes merges there.
  const alice = await signedInPage(browser, "alice@a.test");
  const slug = `mirrored-${run}`;
  const base = `/p/pubsub.a.test/${slug}`;
  await createProject(alice, { name: `Mirrored ${run}`, slug, cloneUrl: upstream });
  await alice.goto(`${base}/settings`);
  const form = alice.getByRole("form", { name: "Push mirror" });
  await form.getByLabel("Push URL").fill(upstream);
  await form.getByLabel("User").fill("bob@b.test");
  await form.getByLabel("Token or password").fill(token);
  await form.getByRole("button", { name: "Set push mirror" }).click();
  await expect(alice.getByText("Push mirror saved.")).toBeVisible();
  // Never shown again: not in the page, not in the form.
  await expect(alice.getByTestId("push-mirror-set")).toContainText("by alice@a.test");
  expect(await alice.content()).not.toContain(token);

  const fork = path.join(repositoryScratchDir("mirror-fork-"), "fork");
  execFileSync("git", ["clone", "-q", upstream, fork]);
  git(fork, "checkout", "-q", "-b", "feature");
  commitFile(fork, "NOTES", "notes\n", "Add notes", "Bob");
  await mergeFromFork(alice, base, fork, "Add notes");
  // The push runs after the merge has answered.
  await expect.poll(() => freshLog(upstream)).toEqual(["Add notes", "Start upstream"]);
  await expect(async () => {
    await alice.goto(base);
    await expect(alice.getByTestId("repository-mirror-status")).toContainText(
      `Merges are pushed to ${upstream}, last at`,
      { timeout: 1_000 },
    );
  }).toPass();

  // A wrong token: the merge stands here, the project page says what failed.
  await alice.goto(`${base}/settings`);
  await form.getByLabel("Push URL").fill(upstream);
  await form.getByLabel("User").fill("bob@b.test");
  await form.getByLabel("Token or password").fill("pft_not-a-token");
  await form.getByRole("button", { name: "Replace push mirror" }).click();
  await expect(alice.getByText("Push mirror saved.")).toBeVisible();
  // A fork of what B has now, which is what A merged.
  const second = path.join(repositoryScratchDir("mirror-fork-"), "fork");
  execFileSync("git", ["clone", "-q", upstream, second]);
  git(second, "checkout", "-q", "-b", "feature");
  commitFile(second, "MORE", "more\n", "Add more", "Bob");
  await mergeFromFork(alice, base, second, "Add more");
  const status = alice.getByTestId("repository-mirror-status");
  await expect(async () => {
    await alice.goto(base);
    await expect(status.getByRole("alert")).toContainText(`Pushing merges to ${upstream} failed`, {
      timeout: 1_000,
    });
  }).toPass();
  await expect(status.getByRole("alert")).toContainText("main will be pushed again");
  expect(freshLog(upstream)).toEqual(["Add notes", "Start upstream"]);
});

test("a project's repository moves into hosting here and is cloned from its new address", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const repos = makeGitProject();
  const alice = await signedInPage(browser, "alice@a.test");
  const slug = `imported-${run}`;
  const base = `/p/pubsub.a.test/${slug}`;
  await createProject(alice, { name: `Imported ${run}`, slug, cloneUrl: repos.upstream });
  await alice.goto(`${base}/settings`);
  await alice.locator("summary", { hasText: "Host it here" }).click();
  await alice.getByRole("button", { name: "Host it here" }).click();
  // Hosted now: the page offers no import any more, and no push mirror.
  await expect(alice.getByText("This project's repository is hosted here")).toBeVisible({
    timeout: 60_000,
  });
  await alice.goto(base);
  const address = await alice.getByLabel("Clone").inputValue();
  expect(address).toMatch(new RegExp(`/p/pubsub\\.a\\.test/${slug}\\.git$`));
  expect(freshLog(address)).toEqual(["Add a README", "Initial import"]);
});
