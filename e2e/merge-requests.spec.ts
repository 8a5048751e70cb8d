import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { mirrorDir } from "@/lib/forge/mirrors";
import { parseXml } from "@/lib/forge/xml";
import { XmppSession } from "@/lib/xmpp/session";
import { createProject, DEMO_PASSWORD, signIn } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

const SERVICE = "pubsub.a.test";
const SLUG = "patches";
const BASE = `/p/${SERVICE}/${SLUG}`;

async function signedInPage(browser: Browser, jid: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, jid);
  return page;
}

test("bob opens a merge request from his fork; alice reviews inline, compares revisions and merges", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const repos = makeGitProject();
  commitFile(
    repos.fork,
    "src/app.txt",
    "one\ntwo\nTHREE\nfour\nfive\n",
    "Shout the third line",
    "Bob",
  );
  commitFile(
    repos.fork,
    "docs/usage.md",
    "# Usage\n\nRun it.\n",
    "Document usage\n\nExplains how to run it.",
    "Bob",
  );

  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Patches", slug: SLUG, cloneUrl: repos.upstream });

  const bob = await signedInPage(browser, "bob@b.test");
  await bob.goto(`${BASE}/mr/new`);
  await bob.getByLabel("Source repository").fill(repos.fork);
  await bob.getByLabel("Source branch").fill("feature");
  await bob.getByRole("button", { name: "Preview" }).click();
  await expect(bob.getByTestId("preview-commits").locator("li")).toHaveCount(2);
  await expect(bob.getByLabel("Title")).toHaveValue("Document usage");
  await bob.getByRole("button", { name: "Open merge request" }).click();
  await expect(bob.getByTestId("mr-title")).toHaveText("Document usage");
  await expect(bob.getByTestId("mr-commits").locator("li")).toHaveCount(2);
  const mergeRequestUrl = bob.url();

  await alice.goto(mergeRequestUrl);
  await alice.getByRole("button", { name: "Comment on line 3 of src/app.txt" }).click();
  await alice.getByLabel("Comment on line 3", { exact: true }).fill("Why **shout**?");
  await alice.getByRole("button", { name: "Comment", exact: true }).first().click();
  await expect(alice.getByTestId("comment").filter({ hasText: "Why shout?" })).toBeVisible();

  // bob's page was open all along: the inline comment arrives without a reload.
  await expect(bob.getByTestId("comment").filter({ hasText: "Why shout?" })).toBeVisible({
    timeout: 5_000,
  });

  commitFile(
    repos.fork,
    "src/app.txt",
    "one\ntwo\nThree\nfour\nfive\n",
    "Only capitalise the third line",
    "Bob",
  );
  await bob.getByRole("button", { name: "Update from source branch" }).click();
  await expect(bob.getByRole("status").filter({ hasText: "Revision 2 published." })).toBeVisible();

  await alice.goto(mergeRequestUrl);
  await alice.getByRole("link", { name: "Compare 1 → 2" }).click();
  await expect(alice.getByTestId("interdiff-heading")).toHaveText(
    "Changes between revision 1 and 2",
  );
  await expect(alice.getByRole("region", { name: "Interdiff" })).toContainText("Three");

  await alice.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(alice.getByTestId("merged-revisions")).toContainText("Merged as", {
    timeout: 20_000,
  });
  await expect(alice.getByTestId("mr-status").getByTestId("status-badge")).toHaveAttribute(
    "data-status",
    "merged",
  );
  // alice published the merged state; the request is still bob's.
  await expect(alice.getByTestId("mr-author")).toHaveText("bob@b.test");
  await expect(alice.getByTestId("mr-last-edited-by")).toHaveText("alice@a.test");

  const merged = git(mirrorDir("git", repos.upstream), "log", "--format=%s", "main");
  expect(merged.split("\n")).toEqual(
    expect.arrayContaining([
      "Shout the third line",
      "Document usage",
      "Only capitalise the third line",
    ]),
  );
  expect(git(mirrorDir("git", repos.upstream), "show", "main:src/app.txt")).toBe(
    "one\ntwo\nThree\nfour\nfive\n",
  );

  const patch = await alice.request.get(`${mergeRequestUrl}.patch`);
  expect(patch.status()).toBe(200);
  expect(await patch.text()).toMatch(/^From [0-9a-f]{40} /);
});

test("Libervia's Mercurial merge request renders with its commits and diff", async ({
  browser,
}) => {
  const slug = "hgproject";
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Hg project", slug, scm: "hg" });

  // Published exactly as Libervia 0.9 did, by another account, straight over XMPP.
  const raw = readFileSync("lib/forge/__fixtures__/libervia/mr_publish_iq.xml", "utf8")
    .replace('to="pubsub.forge.test"', `to="${SERVICE}"`)
    .replace(
      'node="fdp/submitted/org.salut-a-toi.merge_requests:0"',
      `node="fdp/submitted/org.salut-a-toi.merge_requests:0_${slug}"`,
    )
    .replace(/ from="[^"]*"/, "")
    .replace(/ id="H_86"/, "");
  const carol = await XmppSession.open({ jid: "carol@a.test", password: DEMO_PASSWORD });
  try {
    await carol.request(parseXml(raw));
  } finally {
    await carol.close();
  }

  await alice.goto(`/p/${SERVICE}/${slug}/mr`);
  await alice.getByRole("link", { name: "Fix crash on empty input" }).click();
  await expect(alice.getByTestId("mr-commits").locator("li").first()).toContainText(
    "Add parser module",
  );
  await expect(alice.getByRole("region", { name: "Changes" })).toContainText("parser.py");
  await expect(alice.getByRole("region", { name: "Changes" })).toContainText("def parse(s):");
  await expect(alice.getByText("carol@a.test").first()).toBeVisible();
});
