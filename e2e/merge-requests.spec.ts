import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { parseXml } from "@/lib/xmpp/xml";
import { XmppSession } from "@/lib/xmpp/session";
import { createProject, DEMO_PASSWORD, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

const SERVICE = "pubsub.a.test";
const SLUG = "patches";
const BASE = `/p/${SERVICE}/${SLUG}`;

test("bob opens a merge request from his fork; alice reviews inline, compares revisions and merges", async ({
  browser,
}) => {
  test.setTimeout(150_000);
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
  await expect(bob).toHaveURL(new RegExp(`${BASE}/mr/1$`));
  const mergeRequestUrl = bob.url();

  // Tabs are links with their own URL, reached with the keyboard.
  const tabs = bob.getByRole("navigation", { name: "Merge request" });
  await expect(tabs.getByRole("link", { name: /^Conversation/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await tabs.getByRole("link", { name: /^Commits/ }).focus();
  await bob.keyboard.press("Enter");
  await expect(bob).toHaveURL(/[?&]tab=commits\b/);
  await expect(tabs.getByRole("link", { name: /^Commits/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(bob.getByTestId("mr-commits").locator("li")).toHaveCount(2);
  await expect(bob.getByRole("region", { name: "Changes" })).toHaveCount(0);
  await tabs.getByRole("link", { name: /^Conversation/ }).click();
  await expect(bob).not.toHaveURL(/tab=/);

  // The list: number, branches, line counts (src/app.txt +1 −1, docs/usage.md +3), search.
  await alice.goto(`${BASE}/mr`);
  const row = alice.getByTestId("mr-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("!1");
  await expect(row.getByTestId("mr-branches")).toHaveText(/feature\s*→\s*into\s*main/);
  await expect(row.getByTestId("mr-lines")).toContainText("+4 −1");
  await expect(row.locator("time")).toHaveCount(2);
  await alice.getByLabel("Search merge requests").click();
  await alice.keyboard.insertText("usage");
  await expect(alice).toHaveURL(/q=usage/);
  await expect(row).toHaveCount(1);
  await alice.getByLabel("Search merge requests").fill("");
  await alice.keyboard.insertText("nothing like this");
  await expect(alice.getByTestId("empty-list")).toContainText(
    "No merge requests match these filters.",
  );
  await alice.getByLabel("Status", { exact: true }).selectOption("merged");
  await expect(alice).toHaveURL(/status=merged/);
  await alice.getByRole("link", { name: "Clear filters" }).click();
  await expect(row).toHaveCount(1);

  // On a phone, asking for the split diff shows the unified one: two code columns do not fit.
  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 } })
  ).newPage();
  await phone.goto(`${mergeRequestUrl}?tab=files&view=split`);
  await expect(phone.locator("table.diff-unified").first()).toBeVisible();
  await expect(phone.locator("table.diff-split")).toHaveCount(0);
  await alice.goto(`${mergeRequestUrl}?tab=files&view=split`);
  await expect(alice.locator("table.diff-split").first()).toBeVisible();

  await alice.goto(`${mergeRequestUrl}?tab=files`);
  await alice.getByRole("button", { name: "Comment on line 3 of src/app.txt" }).click();
  const lineForm = alice.getByLabel("Comment on line 3", { exact: true });
  await lineForm.fill("Why **shout**?");
  await alice.getByRole("button", { name: "Comment", exact: true }).first().click();
  await expect(alice.getByTestId("comment").filter({ hasText: "Why shout?" })).toBeVisible();
  // Posted: the form closes and the line's button has the focus back.
  await expect(lineForm).toBeHidden();
  await expect(
    alice.getByRole("button", { name: "Comment on line 3 of src/app.txt" }),
  ).toBeFocused();

  // bob's conversation was open all along: the inline comment arrives there without a reload,
  // saying where it is.
  const bobsComment = bob.getByTestId("discussion").locator("li").filter({ hasText: "Why shout?" });
  await expect(bobsComment).toBeVisible({ timeout: 5_000 });
  await expect(bobsComment).toContainText("src/app.txt:3");
  await expect(bobsComment).toContainText("revision 1");
  await bobsComment.getByRole("link", { name: "src/app.txt:3" }).click();
  await expect(bob).toHaveURL(/[?&]tab=files\b.*#inline-/);
  await expect(
    bob.getByRole("region", { name: "Changes" }).getByTestId("comment").filter({
      hasText: "Why shout?",
    }),
  ).toBeInViewport();

  // The second revision edits src/app.txt again, and adds a line above the edit.
  commitFile(
    repos.fork,
    "src/app.txt",
    "zero\none\ntwo\nThree\nfour\nfive\n",
    "Only capitalise the third line",
    "Bob",
  );
  await bob.getByRole("button", { name: "Update from source branch" }).click();
  await expect(bob.getByRole("status").filter({ hasText: "Revision 2 published." })).toBeVisible();

  // The combined diff of the series: each file once, base to tip.
  await alice.goto(`${mergeRequestUrl}?tab=files`);
  const changes = alice.getByRole("region", { name: "Changes" });
  const fileList = changes.getByRole("navigation", { name: "Changed files" });
  await expect(fileList).toContainText("2 files changed");
  await expect(fileList).toContainText("5 lines added, 1 removed");
  await expect(fileList.getByRole("link")).toHaveText(["docs/usage.md", "src/app.txt"]);
  const appCode = changes.locator("details", { hasText: "src/app.txt" }).locator("td.dc");
  await expect(appCode.filter({ hasText: /THREE/ })).toHaveCount(0);
  await expect(changes.locator("td.dc.d")).toHaveText(["three"]);

  // Inline comments on the combined diff land on the tip's line, once.
  await alice.getByRole("button", { name: "Comment on line 4 of src/app.txt" }).click();
  await alice.getByLabel("Comment on line 4", { exact: true }).fill("Better.");
  await alice.getByRole("button", { name: "Comment", exact: true }).first().click();
  const threads = changes.locator("tr.diff-comments");
  await expect(threads).toHaveCount(1);
  await expect(threads).toContainText("Better.");
  await expect(
    changes.getByRole("row", { name: /added Three$/ }).locator("xpath=following-sibling::tr[1]"),
  ).toContainText("Better.");
  await alice.reload();
  await expect(threads).toHaveCount(1);
  await expect(threads).toContainText("Better.");

  // One commit's own diff, picked from the Commits tab.
  await alice
    .getByRole("navigation", { name: "Merge request" })
    .getByRole("link", { name: /^Commits/ })
    .click();
  await expect(alice.getByTestId("mr-commits").locator("li")).toHaveCount(3);
  await alice.getByRole("link", { name: "Only capitalise the third line" }).click();
  const commitChanges = alice.getByRole("region", { name: "Changes in this commit" });
  await expect(commitChanges.locator("td.dc.d")).toHaveText(["THREE"]);
  await expect(commitChanges.locator("td.dc.a")).toHaveText(["zero", "Three"]);

  // The interdiff is a diff of the code each revision leaves, not of patch text.
  const shown = alice.getByRole("navigation", { name: "Commits to show" });
  await expect(shown.getByRole("link", { name: /^Commit 3:/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await shown.getByRole("link", { name: "All commits" }).click();
  await alice.getByRole("link", { name: "Compare 1 → 2" }).click();
  await expect(alice.getByTestId("interdiff-heading")).toHaveText(
    "Changes between revision 1 and 2",
  );
  const interdiff = alice.getByRole("region", { name: "Interdiff" });
  await expect(interdiff.getByRole("navigation", { name: "Changed files" })).toContainText(
    "1 file changed",
  );
  await expect(interdiff.locator("td.dc.d")).toHaveText(["THREE"]);
  await expect(interdiff.locator("td.dc.a")).toHaveText(["zero", "Three"]);
  await expect(interdiff.locator("td.dc").filter({ hasText: "@@" })).toHaveCount(0);

  // Both inline comments are in the conversation, each with its revision.
  await alice
    .getByRole("navigation", { name: "Merge request" })
    .getByRole("link", { name: /^Conversation/ })
    .click();
  await expect(alice.getByTestId("discussion").locator("li")).toHaveText([
    /src\/app\.txt:3 · revision 1.*Why shout\?/s,
    /src\/app\.txt:4 · revision 2.*Better\./s,
  ]);

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

  const merged = git(
    projectRepositoryDir({ service: SERVICE, slug: SLUG, scm: "git" }),
    "log",
    "--format=%s",
    "main",
  );
  expect(merged.split("\n")).toEqual(
    expect.arrayContaining([
      "Shout the third line",
      "Document usage",
      "Only capitalise the third line",
    ]),
  );
  expect(
    git(
      projectRepositoryDir({ service: SERVICE, slug: SLUG, scm: "git" }),
      "show",
      "main:src/app.txt",
    ),
  ).toBe("zero\none\ntwo\nThree\nfour\nfive\n");

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
  await alice.getByRole("link", { name: /^Commits/ }).click();
  await expect(alice.getByTestId("mr-commits").locator("li").first()).toContainText(
    "Add parser module",
  );
  await alice.getByRole("link", { name: /^Files changed/ }).click();
  await expect(alice.getByRole("region", { name: "Changes" })).toContainText("parser.py");
  await expect(alice.getByRole("region", { name: "Changes" })).toContainText("def parse(s):");
  await expect(alice.getByText("carol@a.test").first()).toBeVisible();
});
