import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { CLONE_CACHE_DIR } from "@/lib/scm/clone-pack-cache";
import { createProject, DEMO_PASSWORD, signedInPage } from "./helpers";
import { runTool, withCredentials } from "./repos";

/**
 * A repository hosted on the instance, with the real `git`: cloned anonymously, pushed to by
 * its owner with an access token, refused to a non-maintainer, a wrong token, someone
 * anonymous, and (members-only) readable only with a member's credentials.
 */
const run = Date.now().toString(36);
const SERVICE = "pubsub.a.test";
const ALICE = "Alice <alice@a.test>";
const git = (cwd: string, ...args: string[]) => runTool("git", cwd, ALICE, args);
const hg = (cwd: string, ...args: string[]) => runTool("hg", cwd, ALICE, args);

const scratch = () => mkdtempSync(path.join(tmpdir(), "pubforge-hosted-"));

test("a hosted repository: anonymous clone, pushes by maintainers only", async ({ browser }) => {
  test.setTimeout(180_000);
  const alice = await signedInPage(browser, "alice@a.test");
  const slug = `hosted-${run}`;
  await createProject(alice, { name: `Hosted ${run}`, slug, hosted: true });
  const address = await alice.getByLabel("Clone").inputValue();
  expect(address).toMatch(new RegExp(`/p/pubsub\\.a\\.test/${slug}\\.git$`));

  // Empty at first, and cloned without signing in.
  const first = scratch();
  expect(git(first, "clone", address, "work").output).toContain("empty repository");

  // Alice makes a token and pushes with it.
  await alice.goto("/settings/tokens");
  await alice.getByLabel("Name").fill("e2e laptop");
  await alice.getByRole("button", { name: "Make token" }).click();
  const token = await alice.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^pft_/);
  const work = path.join(first, "work");
  writeFileSync(path.join(work, "README.md"), "# Hosted\n");
  git(work, "add", "README.md");
  git(work, "commit", "-q", "-m", "First commit");
  const anonymousPush = git(work, "push", address, "HEAD:refs/heads/main");
  expect(anonymousPush.ok).toBe(false);
  const wrongToken = git(
    work,
    "push",
    withCredentials(address, "alice@a.test", "pft_not-a-token"),
    "HEAD:main",
  );
  expect(wrongToken.ok).toBe(false);
  expect(wrongToken.output).toContain("not a valid access token");
  const pushed = git(work, "push", withCredentials(address, "alice@a.test", token), "HEAD:main");
  expect(pushed.output).toMatch(/\[new branch\] +HEAD -> main/);
  expect(pushed.ok).toBe(true);

  // Anyone clones what she pushed.
  const second = scratch();
  execFileSync("git", ["clone", "-q", address, "copy"], { cwd: second });
  expect(git(path.join(second, "copy"), "log", "--format=%s").output.trim()).toBe("First commit");

  // Bob (another server, no affiliation) is told to open a merge request instead.
  const bobPush = git(
    work,
    "push",
    withCredentials(address, "bob@b.test", DEMO_PASSWORD),
    "HEAD:refs/heads/bob",
  );
  expect(bobPush.ok).toBe(false);
  expect(bobPush.output).toContain("bob@b.test is not a maintainer");

  // A revoked token stops working.
  await alice.getByRole("button", { name: "Revoke e2e laptop" }).click();
  await expect(alice.getByText("Token revoked")).toBeVisible();
  const revoked = git(work, "push", withCredentials(address, "alice@a.test", token), "HEAD:x");
  expect(revoked.ok).toBe(false);
  expect(revoked.output).toContain("not a valid access token");
});

test("a members-only hosted repository is read only with a member's credentials", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const alice = await signedInPage(browser, "alice@a.test");
  const slug = `private-hosted-${run}`;
  await createProject(alice, { name: `Private ${run}`, slug, hosted: true, access: "whitelist" });
  const address = await alice.getByLabel("Clone").inputValue();

  const dir = scratch();
  const anonymous = git(dir, "clone", address, "anonymous");
  expect(anonymous.ok).toBe(false);
  const outsider = git(dir, "clone", withCredentials(address, "bob@b.test", DEMO_PASSWORD), "bob");
  expect(outsider.ok).toBe(false);
  expect(outsider.output).toContain("not found");
  const wrongPassword = git(dir, "clone", withCredentials(address, "alice@a.test", "nope"), "x");
  expect(wrongPassword.ok).toBe(false);
  expect(wrongPassword.output).toContain("Wrong password for alice@a.test");
  const member = git(
    dir,
    "clone",
    withCredentials(address, "alice@a.test", DEMO_PASSWORD),
    "alice",
  );
  expect(member.output).toContain("empty repository");
  expect(member.ok).toBe(true);

  // Once it has a commit, a member's clone leaves its answer kept on the server
  // (lib/scm/clone-pack-cache.ts); the next clones are served from it, and only to members.
  const work = path.join(dir, "alice");
  writeFileSync(path.join(work, "README.md"), "# Private\n");
  git(work, "add", "README.md");
  git(work, "commit", "-q", "-m", "Private commit");
  const asAlice = withCredentials(address, "alice@a.test", DEMO_PASSWORD);
  expect(git(work, "push", asAlice, "HEAD:refs/heads/main").ok).toBe(true);
  const kept = path.join(
    projectRepositoryDir({ service: SERVICE, slug, scm: "git" }),
    CLONE_CACHE_DIR,
  );
  for (const name of ["again", "from-kept"]) {
    expect(git(dir, "clone", asAlice, name).ok).toBe(true);
    expect(git(path.join(dir, name), "log", "--format=%s").output.trim()).toBe("Private commit");
    await expect.poll(() => existsSync(kept) && readdirSync(kept).length).toBe(1);
  }
  expect(git(dir, "clone", address, "anonymous-again").ok).toBe(false);
  const outsiderAgain = git(
    dir,
    "clone",
    withCredentials(address, "bob@b.test", DEMO_PASSWORD),
    "bob-again",
  );
  expect(outsiderAgain.ok).toBe(false);
  expect(outsiderAgain.output).toContain("not found");
});

test("a hosted Mercurial repository: hg clone, hg push by maintainers only", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const alice = await signedInPage(browser, "alice@a.test");
  const slug = `hosted-hg-${run}`;
  await createProject(alice, { name: `Hosted hg ${run}`, slug, hosted: true, scm: "hg" });
  const address = await alice.getByLabel("Clone").inputValue();
  expect(address).toMatch(new RegExp(`/p/pubsub\\.a\\.test/${slug}\\.hg$`));

  const dir = scratch();
  const cloned = hg(dir, "clone", address, "work");
  expect(cloned.output).toContain("no changes found");
  const work = path.join(dir, "work");
  writeFileSync(path.join(work, "README.md"), "# Hosted with Mercurial\n");
  hg(work, "commit", "-A", "-m", "First changeset");

  const anonymous = hg(work, "push", address);
  expect(anonymous.ok).toBe(false);
  const bob = hg(work, "push", withCredentials(address, "bob@b.test", DEMO_PASSWORD));
  expect(bob.ok).toBe(false);
  expect(bob.output).toContain("403");
  const pushed = hg(work, "push", withCredentials(address, "alice@a.test", DEMO_PASSWORD));
  expect(pushed.output).toContain("added 1 changesets");
  expect(pushed.ok).toBe(true);

  const copy = hg(dir, "clone", address, "copy");
  expect(copy.ok).toBe(true);
  expect(hg(path.join(dir, "copy"), "log", "-T", "{desc}\\n").output.trim()).toBe(
    "First changeset",
  );
});
